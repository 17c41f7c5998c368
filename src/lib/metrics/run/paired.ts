// Paired significance tests between two systems with sacreBLEU 2.6.0's semantics (sacrebleu/significance.py):
// paired bootstrap (_paired_bs_test, after Koehn 2004) and approximate randomization (_paired_ar_test, Riezler &
// Maxwell 2005), both on corpus scores recomputed from per-row statistics, and the same p-value rule
// (_compute_p_value: p = (#{stat > observed} + 1) / (trials + 1)). The RNG is mulberry32, not numpy's PCG64, so
// p-values agree with sacreBLEU's in distribution, not digit for digit.
import { AbortError, InputError } from '../../core/errors';
import { mulberry32, randomInt } from '../../core/random';
import { adaptersFor } from './adapters';
import { allIndices } from './vectors';
import type { RunHooks } from './runner';
import type { MetricName, MetricsConfig, PairedResult, RowValue, StatsConfig } from './types';

/** One system's stored per-row values, aligned with the dataset's rows (null = not scored). */
export interface SystemRows {
  system: string;
  perRow: readonly (RowValue | null)[];
}

/** Compare `systems` against `baseline` on one metric. */
export interface CompareJob {
  config: MetricsConfig;
  metric: MetricName;
  baseline: SystemRows;
  systems: SystemRows[];
  stats: StatsConfig;
}

/** sacreBLEU estimate_ci: the mean of the resampled scores and the 95% bounds at index n//40 from each end. */
export function estimateCi(scores: Float64Array): { mean: number; low: number; high: number } {
  const s = Float64Array.from(scores).sort();
  const n = s.length;
  const lo = Math.floor(n / 40);
  let sum = 0;
  for (const x of s) sum += x;
  return { mean: sum / n, low: s[lo] ?? NaN, high: s[n - lo - 1] ?? NaN };
}

/** sacreBLEU `_compute_p_value`: strict '>' so a system compared with itself is never significant. */
export function pValue(stats: ArrayLike<number>, observed: number): number {
  let c = 0;
  for (let i = 0; i < stats.length; i++) if ((stats[i] ?? NaN) > observed) c++;
  return (c + 1) / (stats.length + 1);
}

/** Runs paired-bs and paired-ar for every headline key of the metric; one result per system and key. */
export async function comparePair(job: CompareJob, hooks: RunHooks = {}): Promise<PairedResult[]> {
  const adapter = adaptersFor(job.config).find((a) => a.name === job.metric);
  if (!adapter) throw new InputError(`The configuration has no settings for ${job.metric}`);
  const out: PairedResult[] = [];
  const { bootstrapSamples: nBs, arTrials: nAr, seed } = job.stats;
  for (const sys of job.systems) {
    // Only rows both systems were scored on take part, in dataset order.
    const bl: RowValue[] = [];
    const sy: RowValue[] = [];
    job.baseline.perRow.forEach((b, i) => {
      const s = sys.perRow[i];
      if (b && s) {
        bl.push(b);
        sy.push(s);
      }
    });
    const n = bl.length;
    if (n === 0)
      throw new InputError(`No rows were scored for both ${job.baseline.system} and ${sys.system}`);
    const all = allIndices(n);
    const blScore = adapter.keyValues(bl, all);
    const syScore = adapter.keyValues(sy, all);
    const K = adapter.keys.length;
    // Paired bootstrap: the same resampled rows for both systems.
    const bsBl = adapter.keys.map(() => new Float64Array(nBs));
    const bsSy = adapter.keys.map(() => new Float64Array(nBs));
    const rand = mulberry32(seed);
    const idx = new Int32Array(n);
    for (let b = 0; b < nBs; b++) {
      for (let i = 0; i < n; i++) idx[i] = randomInt(rand, n);
      const vb = adapter.keyValues(bl, idx);
      const vs = adapter.keyValues(sy, idx);
      for (let k = 0; k < K; k++) {
        (bsBl[k] as Float64Array)[b] = vb[k] ?? NaN;
        (bsSy[k] as Float64Array)[b] = vs[k] ?? NaN;
      }
      if ((b & 31) === 31) {
        hooks.onProgress?.(b, nBs + nAr, `paired bootstrap · ${sys.system}`);
        await hooks.yieldNow?.();
        if (hooks.signal?.aborted) throw new AbortError();
      }
    }
    // Approximate randomization: each row's pair of outputs is swapped with probability 1/2.
    const arA = adapter.keys.map(() => new Float64Array(nAr));
    const arB = adapter.keys.map(() => new Float64Array(nAr));
    const randAr = mulberry32(seed);
    const a: RowValue[] = new Array<RowValue>(n);
    const bb: RowValue[] = new Array<RowValue>(n);
    for (let t = 0; t < nAr; t++) {
      for (let i = 0; i < n; i++) {
        const keep = randAr() < 0.5;
        a[i] = (keep ? bl[i] : sy[i]) as RowValue;
        bb[i] = (keep ? sy[i] : bl[i]) as RowValue;
      }
      const va = adapter.keyValues(a, all);
      const vb = adapter.keyValues(bb, all);
      for (let k = 0; k < K; k++) {
        (arA[k] as Float64Array)[t] = va[k] ?? NaN;
        (arB[k] as Float64Array)[t] = vb[k] ?? NaN;
      }
      if ((t & 63) === 63) {
        hooks.onProgress?.(nBs + t, nBs + nAr, `approximate randomization · ${sys.system}`);
        await hooks.yieldNow?.();
        if (hooks.signal?.aborted) throw new AbortError();
      }
    }
    adapter.keys.forEach((key, k) => {
      const observed = Math.abs((blScore[k] ?? NaN) - (syScore[k] ?? NaN));
      const sb = bsBl[k] as Float64Array;
      const ss = bsSy[k] as Float64Array;
      // paired-bs statistic: |sys − bl| per resample, centred on its mean (the null hypothesis).
      const diffs = ss.map((v, i) => Math.abs(v - (sb[i] ?? NaN)));
      let m = 0;
      for (const d of diffs) m += d;
      m /= diffs.length || 1;
      const centred = diffs.map((d) => d - m);
      const ci = estimateCi(ss);
      const ra = arA[k] as Float64Array;
      const rb = arB[k] as Float64Array;
      const arStats = ra.map((v, i) => Math.abs(v - (rb[i] ?? NaN)));
      out.push({
        metric: job.metric,
        key,
        baseline: job.baseline.system,
        system: sys.system,
        baselineScore: blScore[k] ?? NaN,
        systemScore: syScore[k] ?? NaN,
        bootstrap: { p: pValue(centred, observed), mean: ci.mean, low: ci.low, high: ci.high, samples: nBs },
        randomization: { p: pValue(arStats, observed), trials: nAr },
        rows: n,
        seed,
      });
    });
  }
  return out;
}
