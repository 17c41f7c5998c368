// Corpus ROUGE: the exact arithmetic mean over rows, plus rouge-score's BootstrapAggregator (rouge/scoring.py)
// replayed with numpy's seeded legacy RNG so low/mid/high equal `np.random.seed(seed); aggregator.aggregate()`.
import type { RougeScore, RougeScores, RougeType } from './score';
import { Mt19937, numpyPercentile } from './numpy-random';

/** BootstrapAggregator settings; rouge-score's defaults are 0.95 and 1000. */
export interface RougeBootstrapOptions {
  seed: number;
  confidenceInterval?: number;
  nSamples?: number;
}

/** One type's corpus score: the plain mean and the bootstrap percentiles. */
export interface RougeAggregate {
  /** Exact arithmetic mean over rows. */
  mean: RougeScore;
  /** 2.5th, 50th (median of bootstrap means, what HF `evaluate` reports as the score) and 97.5th percentiles. */
  low: RougeScore;
  mid: RougeScore;
  high: RougeScore;
}

const FIELDS = ['precision', 'recall', 'fmeasure'] as const;

function column(rows: readonly RougeScores[], type: RougeType): RougeScore[] {
  return rows.map((r) => {
    const s = r[type];
    if (!s) throw new RangeError(`Row has no ${type} score`);
    return s;
  });
}

/** Mean of each field over rows, summed left to right like Python's `sum()` before 3.12. */
export function meanRouge(scores: readonly RougeScore[]): RougeScore {
  let p = 0;
  let r = 0;
  let f = 0;
  for (const s of scores) {
    p += s.precision;
    r += s.recall;
    f += s.fmeasure;
  }
  const n = scores.length || 1;
  return { precision: p / n, recall: r / n, fmeasure: f / n };
}

/**
 * `BootstrapAggregator(confidence_interval, n_samples).aggregate()` after `np.random.seed(seed)`: for each type in
 * order, from ONE shared RNG stream, n_samples resamples of N rows (np.random.choice = randint(0, N)), the row-mean
 * of each, then np.percentile at 100·[(1−ci)/2, 0.5, 1−(1−ci)/2].
 */
export function aggregateRouge(
  rows: readonly RougeScores[],
  types: readonly RougeType[],
  options: RougeBootstrapOptions,
): Partial<Record<RougeType, RougeAggregate>> {
  const ci = options.confidenceInterval ?? 0.95;
  const nSamples = options.nSamples ?? 1000;
  const rng = new Mt19937(options.seed);
  const qs = [100 * ((1 - ci) / 2), 100 * 0.5, 100 * (1 - (1 - ci) / 2)] as const;
  const out: Partial<Record<RougeType, RougeAggregate>> = {};
  const n = rows.length;
  for (const type of types) {
    const scores = column(rows, type);
    const mean = meanRouge(scores);
    if (n === 0) {
      out[type] = { mean, low: mean, mid: mean, high: mean };
      continue;
    }
    const means = FIELDS.map(() => new Float64Array(nSamples));
    for (let s = 0; s < nSamples; s++) {
      let p = 0;
      let r = 0;
      let f = 0;
      for (let k = 0; k < n; k++) {
        const row = scores[rng.randBelow(n)] ?? mean;
        p += row.precision;
        r += row.recall;
        f += row.fmeasure;
      }
      (means[0] as Float64Array)[s] = p / n;
      (means[1] as Float64Array)[s] = r / n;
      (means[2] as Float64Array)[s] = f / n;
    }
    const pick = (q: number): RougeScore => {
      const [p, r, f] = means.map((m) => numpyPercentile(m, q));
      return { precision: p ?? NaN, recall: r ?? NaN, fmeasure: f ?? NaN };
    };
    for (const m of means) m.sort();
    out[type] = { mean, low: pick(qs[0]), mid: pick(qs[1]), high: pick(qs[2]) };
  }
  return out;
}
