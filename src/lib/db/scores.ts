// Score repository for the data table: which stored runs apply to a dataset's current content, and one run's
// per-row numbers as a Float64Array indexed by row idx (one typed array per column, not 100k objects kept alive).
import type { DatasetRecord, RunRecord } from './records';
import type { YardstickDb } from './schema';

/** Row scores read per IndexedDB request, so deserialising one chunk never blocks the page for long. */
const SCORE_CHUNK = 5000;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs of a dataset computed on its current content (datasetHash equal to the dataset's contentHash). */
export async function listScoreRuns(db: YardstickDb, dataset: DatasetRecord): Promise<RunRecord[]> {
  const runs = await db.runs.where('datasetId').equals(dataset.id).toArray();
  return runs.filter((r) => r.datasetHash === dataset.contentHash);
}

/**
 * One number per row of a run: `pick` turns a stored row value into the number shown (null: none). Rows without
 * a stored score, or whose value has no number, are NaN. Reads [runId+rowIdx] key ranges chunk by chunk.
 */
export async function loadRunScores(
  db: YardstickDb,
  runId: string,
  rowCount: number,
  pick: (value: Record<string, unknown>) => number | null,
): Promise<Float64Array> {
  const out = new Float64Array(rowCount).fill(NaN);
  for (let start = 0; start < rowCount; start += SCORE_CHUNK) {
    const chunk = await db.rowScores
      .where('[runId+rowIdx]')
      .between([runId, start], [runId, start + SCORE_CHUNK], true, false)
      .toArray();
    for (const s of chunk) {
      const v = pick(s.value);
      if (v !== null && s.rowIdx >= 0 && s.rowIdx < rowCount) out[s.rowIdx] = v;
    }
    if (start + SCORE_CHUNK < rowCount) await nextTask();
  }
  return out;
}
