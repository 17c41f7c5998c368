// The pure job runner behind the metrics worker: config → per-row values, corpus scores with intervals, and
// per-tag slices, reporting progress and stopping when cancelled. No DOM: the caller supplies how to yield.
import { AbortError, InputError } from '../../core/errors';
import { mulberry32 } from '../../core/random';
import { drawResample, estimateCi, wilsonInterval } from '../stats';
import { adaptersFor, type MetricAdapter } from './adapters';
import { allIndices } from './vectors';
import type { CorpusResult, JobRow, KeyScore, MetricJob, MetricResult, RowValue, StatsConfig } from './types';

/** Cancellation flag (an AbortSignal satisfies it). */
export interface CancelFlag {
  readonly aborted: boolean;
}

/** How the runner talks to its host. */
export interface RunHooks {
  onProgress?: (done: number, total: number, phase: string) => void;
  signal?: CancelFlag;
  /** Lets pending messages (a cancel) through; the worker passes a macrotask yield. */
  yieldNow?: () => Promise<void>;
}

const SLICE_MS = 40;

/**
 * Percentile bootstrap over rows for every key at once (one resample serves all keys): the rows are drawn as in
 * ../stats (drawResample) and the ends read with type-7 percentiles (estimateCi 'linear', numpy's default).
 */
function bootstrapKeys(
  adapter: MetricAdapter,
  values: readonly RowValue[],
  stats: StatsConfig,
): { value: number; low: number; high: number }[] {
  const n = values.length;
  const point = adapter.keyValues(values, allIndices(n));
  if (n === 0) return point.map((v) => ({ value: v, low: NaN, high: NaN }));
  const rand = mulberry32(stats.seed);
  const draws = point.map(() => new Float64Array(stats.bootstrapSamples));
  const idx = new Int32Array(n);
  for (let b = 0; b < stats.bootstrapSamples; b++) {
    drawResample(rand, idx);
    const v = adapter.keyValues(values, idx);
    for (let k = 0; k < draws.length; k++) (draws[k] as Float64Array)[b] = v[k] ?? NaN;
  }
  return point.map((value, k) => {
    const e = estimateCi(draws[k] ?? [], stats.level, 'linear');
    return { value, low: e.low, high: e.high };
  });
}

/** Corpus numbers with intervals over the given rows. */
export function corpusOf(
  adapter: MetricAdapter,
  values: readonly RowValue[],
  rows: readonly JobRow[],
  stats: StatsConfig,
): CorpusResult {
  const boot = bootstrapKeys(adapter, values, stats);
  const special = adapter.intervals?.(values, stats) ?? {};
  const keys: Record<string, KeyScore> = {};
  adapter.keys.forEach((key, k) => {
    const b = boot[k] ?? { value: NaN, low: NaN, high: NaN };
    const s = special[key];
    if (s) keys[key] = s;
    else if (adapter.proportionKeys.includes(key)) {
      const w = wilsonInterval(Math.round(b.value * values.length), values.length, stats.level);
      keys[key] = { value: b.value, low: w?.low ?? NaN, high: w?.high ?? NaN, method: 'wilson' };
    } else {
      keys[key] = { ...b, method: `bootstrap(n=${stats.bootstrapSamples},seed=${stats.seed})` };
    }
  });
  return { rows: values.length, keys, details: adapter.details(values, rows) };
}

/** One row's value; an unexpected failure names the row (and its file line when known) and the metric. */
function scoreRow(adapter: MetricAdapter, row: JobRow, response: string): RowValue | string {
  try {
    return adapter.row(row, response);
  } catch (e) {
    const where = `row ${row.id}${row.line !== undefined ? ` (line ${row.line})` : ''}`;
    throw new InputError(`${adapter.name} failed on ${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Runs every configured metric over every system; throws AbortError when cancelled. */
export async function runJob(job: MetricJob, hooks: RunHooks = {}): Promise<MetricResult[]> {
  const adapters = adaptersFor(job.config);
  const total = adapters.length * job.systems.length * job.rows.length;
  let done = 0;
  let last = Date.now();
  const tick = async (phase: string): Promise<void> => {
    if (Date.now() - last < SLICE_MS) return;
    last = Date.now();
    hooks.onProgress?.(done, total, phase);
    await hooks.yieldNow?.();
    if (hooks.signal?.aborted) throw new AbortError();
  };
  const results: MetricResult[] = [];
  for (const adapter of adapters) {
    for (const system of job.systems) {
      const perRow: (RowValue | null)[] = [];
      const values: RowValue[] = [];
      const scoredRows: JobRow[] = [];
      const skipped: { id: string; reason: string }[] = [];
      for (const row of job.rows) {
        const response = row.responses[system];
        const v = response === undefined ? 'no response' : scoreRow(adapter, row, response);
        if (typeof v === 'string') {
          perRow.push(null);
          skipped.push({ id: row.id, reason: v });
        } else {
          perRow.push(v);
          values.push(v);
          scoredRows.push(row);
        }
        done++;
        if ((done & 63) === 0) await tick(`${adapter.name} · ${system}`);
      }
      await tick(`${adapter.name} · ${system} · intervals`);
      const corpus = corpusOf(adapter, values, scoredRows, job.stats);
      const slices: Record<string, CorpusResult> = {};
      const tags = [...new Set(scoredRows.flatMap((r) => r.tags))].sort();
      for (const tag of tags) {
        const keep = scoredRows.map((r, i) => (r.tags.includes(tag) ? i : -1)).filter((i) => i >= 0);
        slices[tag] = corpusOf(
          adapter,
          keep.map((i) => values[i] as RowValue),
          keep.map((i) => scoredRows[i] as JobRow),
          job.stats,
        );
        await tick(`${adapter.name} · ${system} · slices`);
      }
      results.push({
        metric: adapter.name,
        system,
        signature: adapter.signature(scoredRows),
        level: job.stats.level,
        corpus,
        slices,
        perRow,
        skipped,
      });
    }
  }
  hooks.onProgress?.(total, total, 'done');
  return results;
}
