// Persistence of metric runs: finds a stored run for the exact inputs, stores a computed result as a run plus its
// row scores, and rebuilds a shown result from them. The Metrics view's state (metrics.svelte.ts) re-exports these.
import { stableStringify } from '../core/hash';
import type { DatasetRecord, RunRecord } from '../db/records';
import type { YardstickDb } from '../db/schema';
import type { CorpusResult, JobRow, MetricName, MetricResult, StatsConfig } from '../metrics/run/types';

/** A result shown in the view: computed now or loaded from storage. */
export interface ShownResult extends MetricResult {
  runId: string;
  fromStorage: boolean;
}

/** What a stored run keeps in `RunRecord.corpus`. */
interface StoredCorpus {
  corpus: CorpusResult;
  slices: Record<string, CorpusResult>;
  skipped: { id: string; reason: string }[];
  level: number;
}

/** Finds a finished run for these exact inputs: dataset hash + metric + system + signature + statistics settings. */
export async function findStoredRun(
  db: YardstickDb,
  dataset: DatasetRecord,
  metric: MetricName,
  system: string,
  signature: string,
  stats: StatsConfig,
): Promise<RunRecord | undefined> {
  const runs = await db.runs.where('[datasetId+metric]').equals([dataset.id, metric]).toArray();
  const statsKey = stableStringify(stats);
  return runs
    .filter(
      (r) =>
        r.status === 'done' &&
        r.datasetHash === dataset.contentHash &&
        r.system === system &&
        r.signature === signature &&
        stableStringify(r.options.stats) === statsKey,
    )
    .sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/** Stores one computed result as a run plus its row scores, in one transaction. */
export async function storeResult(
  db: YardstickDb,
  dataset: DatasetRecord,
  result: MetricResult,
  rows: readonly JobRow[],
  options: Record<string, unknown>,
): Promise<string> {
  const now = Date.now();
  const id = crypto.randomUUID();
  const corpus: StoredCorpus = {
    corpus: result.corpus,
    slices: result.slices,
    skipped: result.skipped,
    level: result.level,
  };
  const run: RunRecord = {
    id,
    projectId: dataset.projectId,
    datasetId: dataset.id,
    datasetHash: dataset.contentHash,
    kind: 'metric',
    metric: result.metric,
    system: result.system,
    signature: result.signature,
    options,
    status: 'done',
    corpus: corpus as unknown as Record<string, unknown>,
    createdAt: now,
    updatedAt: now,
  };
  const scores = result.perRow.flatMap((value, i) => {
    const row = rows[i];
    return value && row ? [{ runId: id, rowIdx: row.idx, rowId: row.id, value }] : [];
  });
  await db.transaction('rw', db.runs, db.rowScores, async () => {
    await db.runs.put(run);
    await db.rowScores.bulkPut(scores);
  });
  return id;
}

/** Rebuilds a result from a stored run and its row scores, aligned with `rows`. */
export async function loadStoredResult(
  db: YardstickDb,
  run: RunRecord,
  rows: readonly JobRow[],
): Promise<ShownResult> {
  const stored = run.corpus as unknown as StoredCorpus;
  const scores = await db.rowScores.where('runId').equals(run.id).toArray();
  const byIdx: Record<number, MetricResult['perRow'][number]> = {};
  for (const s of scores) byIdx[s.rowIdx] = s.value as MetricResult['perRow'][number];
  return {
    metric: run.metric as MetricName,
    system: run.system,
    signature: run.signature,
    level: stored.level,
    corpus: stored.corpus,
    slices: stored.slices,
    skipped: stored.skipped,
    perRow: rows.map((r) => byIdx[r.idx] ?? null),
    runId: run.id,
    fromStorage: true,
  };
}
