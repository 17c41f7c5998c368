// Persistence of perplexity runs: a run record in `runs` (id and signature from model, revision, dtype and
// options) plus one row score per finished row in `rowScores`, so a reload resumes without recomputing rows.
import type { DatasetRecord, RunRecord } from '../db/records';
import type { YardstickDb } from '../db/schema';
import { corpusPerplexity } from '../metrics/perplexity/corpus';
import { toStats, type PplRowValue } from '../model/row-results';
import type { RunSettings } from '../model/run-plan';

/** One model's results over the dataset rows (index = row idx). */
export interface ModelResults {
  label: string;
  runId: string;
  signature: string;
  device: string;
  values: (PplRowValue | null)[];
}

/** Saved row values of a run, aligned with `rows` (null where not scored yet), and the saved row indices. */
export async function loadRowValues(
  db: YardstickDb,
  runId: string,
  rows: readonly unknown[],
): Promise<{ values: (PplRowValue | null)[]; savedIdx: number[] }> {
  const saved = await db.rowScores.where('runId').equals(runId).toArray();
  const values: (PplRowValue | null)[] = rows.map(() => null);
  for (const r of saved) values[r.rowIdx] = r.value as unknown as PplRowValue;
  return { values, savedIdx: saved.map((r) => r.rowIdx) };
}

/** Writes the run record as 'running', keeping the first creation time of a resumed run. */
export async function startRun(
  db: YardstickDb,
  ids: { runId: string; projectId: string; datasetId: string; datasetHash: string },
  rs: RunSettings,
  signature: string,
  extra: { device: string; label: string },
): Promise<void> {
  const now = Date.now();
  const existing = await db.runs.get(ids.runId);
  const run: RunRecord = {
    id: ids.runId,
    projectId: ids.projectId,
    datasetId: ids.datasetId,
    datasetHash: ids.datasetHash,
    kind: 'perplexity',
    metric: 'perplexity',
    system: rs.mode === 'choices' ? 'choices' : rs.field,
    signature,
    options: { ...rs, device: extra.device, label: extra.label },
    status: 'running',
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await db.runs.put(run);
}

/** Marks the run done (or cancelled) with the corpus perplexity of its scored rows. */
export async function finishRun(
  db: YardstickDb,
  runId: string,
  values: readonly (PplRowValue | null)[],
  cancelled: boolean,
): Promise<void> {
  const stats = values.filter((v): v is PplRowValue => v !== null).map(toStats);
  await db.runs.update(runId, {
    status: cancelled ? 'cancelled' : 'done',
    corpus: { ...corpusPerplexity(stats) },
    updatedAt: Date.now(),
  });
}

/** The two most recently updated perplexity runs of this dataset version, oldest first, aligned with `rows`. */
export async function loadSavedRuns(
  db: YardstickDb,
  dataset: DatasetRecord,
  rows: readonly unknown[],
): Promise<ModelResults[]> {
  const runs = (await db.runs.where('datasetId').equals(dataset.id).toArray())
    .filter((r) => r.kind === 'perplexity' && r.datasetHash === dataset.contentHash)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, 2);
  const out: ModelResults[] = [];
  for (const run of runs.reverse()) {
    const values: (PplRowValue | null)[] = rows.map(() => null);
    for (const r of await db.rowScores.where('runId').equals(run.id).toArray())
      values[r.rowIdx] = r.value as unknown as PplRowValue;
    const label = typeof run.options.label === 'string' ? run.options.label : run.signature;
    out.push({
      // Two saved runs can share a model label (same model, another field): name the scored field too.
      label: `${label} · ${run.system} (${run.status})`,
      runId: run.id,
      signature: run.signature,
      device: String(run.options.device ?? ''),
      values,
    });
  }
  return out;
}
