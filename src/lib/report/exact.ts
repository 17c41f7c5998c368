// Exact corpus statistics on slices: the metrics runner's adapters (src/lib/metrics/run) recompute a corpus score
// from summed per-row sufficient statistics on any subset of rows, so a slice's BLEU is a real corpus BLEU and not
// an average of sentence scores. Used only when replaying the whole dataset reproduces the stored number.
import { adaptersFor, type MetricsConfig, type RowValue } from '../metrics/run';
import type { RowScoreRecord, RunRecord } from '../db/records';
import { unwrapCorpus } from './read';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The headline keys of a runner CorpusResult (`{ keys: { bleu: {...} } }`, bare or as the Metrics view stores it). */
export function corpusKeys(corpus: unknown): string[] | null {
  const result = unwrapCorpus(corpus)?.result;
  if (!result || !isObj(result['keys'])) return null;
  const keys = Object.keys(result['keys']);
  return keys.length ? keys : null;
}

/**
 * The metric's settings of a run: the Metrics view stores `options = { config: { <metric>: settings }, stats }`
 * (src/lib/state/metrics.svelte.ts); a bare `{ <metric>: settings }` is read too.
 */
export function runMetricOptions(run: RunRecord): Obj {
  const configs = isObj(run.options['config']) ? run.options['config'] : run.options;
  const own = configs[run.metric];
  return isObj(own) ? own : configs;
}

function isRowValue(v: unknown): v is RowValue {
  return isObj(v) && Array.isArray(v['stat']) && v['stat'].every((x) => typeof x === 'number');
}

/**
 * A function computing `key` on the rows at the given positions, or null when the run's settings cannot be
 * replayed or the replay does not reproduce the stored corpus value (within 1e-9 relative).
 */
export function exactCorpus(
  run: RunRecord,
  key: string,
  scores: readonly RowScoreRecord[],
  rowPos: Map<string, number>,
  stored: number | null,
): ((positions: ArrayLike<number>) => number) | null {
  if (stored === null) return null;
  const opts = runMetricOptions(run);
  let adapter;
  try {
    adapter = adaptersFor({ [run.metric]: opts } as MetricsConfig)[0];
  } catch {
    return null;
  }
  const k = adapter?.keys.indexOf(key) ?? -1;
  if (!adapter || k < 0) return null;
  const values: RowValue[] = [];
  const indexAt = new Map<number, number>();
  for (const s of scores) {
    const pos = rowPos.get(s.rowId);
    if (pos === undefined || !isRowValue(s.value)) continue;
    indexAt.set(pos, values.length);
    values.push(s.value);
  }
  const on = (positions: ArrayLike<number>): number => {
    const idx: number[] = [];
    for (let i = 0; i < positions.length; i++) {
      const j = indexAt.get(positions[i] ?? -1);
      if (j !== undefined) idx.push(j);
    }
    return idx.length ? (adapter.keyValues(values, idx)[k] ?? Number.NaN) : Number.NaN;
  };
  let all: number;
  try {
    all = on([...indexAt.keys()]);
  } catch {
    return null;
  }
  return Math.abs(all - stored) <= 1e-9 * Math.max(1, Math.abs(stored)) ? on : null;
}
