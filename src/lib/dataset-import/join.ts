// "Add another model's outputs": parse a second file, join it onto a stored dataset by id or prompt text, and
// rewrite the changed rows and the dataset record in one transaction (all or nothing).
import { InputError } from '../core/errors';
import type { Row } from '../core/types';
import { DatasetHasher } from '../dataset/content-hash';
import { joinSystems } from '../dataset/join';
import { replaceDatasetRows } from '../db/datasets';
import { loadRowRange } from '../db/rows';
import type { RowRecord } from '../db/records';
import type { YardstickDb } from '../db/schema';
import { runImport } from './pipeline';
import type { JoinReport, JoinRequest } from './protocol';

/** Unmatched rows listed in a report (the counts are always complete). */
const MAX_LISTED = 1000;

/** Parses, joins and stores; throws InputError when nothing matches or a system name clashes. */
export async function commitJoin(
  db: YardstickDb,
  req: JoinRequest,
  signal: AbortSignal,
): Promise<JoinReport> {
  const dataset = await db.datasets.get(req.datasetId);
  if (!dataset) throw new InputError('The dataset to join onto no longer exists.');
  const other: Row[] = [];
  const parsed = await runImport({
    kind: req.kind,
    source: req.file.stream(),
    totalBytes: req.file.size,
    mapping: req.mapping,
    signal,
    sink: { write: async (rows) => void other.push(...rows) },
  });
  if (other.length === 0) throw new InputError(`No valid rows in ${req.source}: every record had errors.`);
  const base: RowRecord[] = await loadRowRange(db, dataset.id, 0, dataset.rowCount);
  const joined = joinSystems(base, other, { by: req.by });
  if (joined.matched === 0) {
    const how = req.by === 'id' ? 'id' : 'prompt text';
    throw new InputError(
      `No row of ${req.source} matched a row of the dataset by ${how}; nothing was changed.`,
    );
  }
  const hasher = new DatasetHasher();
  const changed: Row[] = [];
  joined.rows.forEach((row, i) => {
    hasher.add(row);
    if (row !== base[i]) changed.push(row);
  });
  const known = new Set(dataset.systems.map((s) => s.name));
  const systems = [
    ...dataset.systems,
    ...joined.systems.filter((s) => !known.has(s)).map((name) => ({ name, source: req.source })),
  ];
  signal.throwIfAborted();
  await replaceDatasetRows(
    db,
    { ...dataset, systems, contentHash: hasher.digest(), updatedAt: Date.now() },
    changed,
  );
  return {
    matched: joined.matched,
    addedSystems: joined.systems,
    unmatchedBase: joined.unmatchedBase.slice(0, MAX_LISTED),
    unmatchedOther: joined.unmatchedOther.slice(0, MAX_LISTED),
    duplicateOther: joined.duplicateOther.slice(0, MAX_LISTED),
    unmatchedBaseCount: joined.unmatchedBase.length,
    unmatchedOtherCount: joined.unmatchedOther.length,
    duplicateOtherCount: joined.duplicateOther.length,
    errors: parsed.errors,
    errorCount: parsed.errorCount,
    warnings: parsed.warnings,
    warningCount: parsed.warningCount,
  };
}
