// The runner's paired significance tests: sacreBLEU 2.6.0's paired-bs and paired-ar (sacrebleu/significance.py)
// for every headline key of a metric at once, with the resampling, coin flips, statistics and p-value rule of
// ../stats/paired.ts. The adapters' keyValues replace its summed-statistics score so that non-additive keys
// (macro F1) are tested too; both systems see the same resamples and the same swaps, as there.
import { AbortError, InputError } from '../../core/errors';
import { mulberry32 } from '../../core/random';
import { drawResample, drawSwaps, estimateCi, pairedBsPValue, pValue } from '../stats';
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
      drawResample(rand, idx);
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
    // Approximate randomization: pseudo-system A takes the baseline's output where the row is swapped.
    const arA = adapter.keys.map(() => new Float64Array(nAr));
    const arB = adapter.keys.map(() => new Float64Array(nAr));
    const randAr = mulberry32(seed);
    const swap = new Uint8Array(n);
    const a: RowValue[] = new Array<RowValue>(n);
    const bb: RowValue[] = new Array<RowValue>(n);
    for (let t = 0; t < nAr; t++) {
      drawSwaps(randAr, swap);
      for (let i = 0; i < n; i++) {
        a[i] = (swap[i] ? bl[i] : sy[i]) as RowValue;
        bb[i] = (swap[i] ? sy[i] : bl[i]) as RowValue;
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
      // The system's mean and interval over the resamples, at sacreBLEU's fixed 95%.
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
        bootstrap: {
          p: pairedBsPValue(sb, ss, observed),
          mean: ci.mean,
          low: ci.low,
          high: ci.high,
          samples: nBs,
        },
        randomization: { p: pValue(arStats, observed), trials: nAr },
        rows: n,
        seed,
      });
    });
  }
  return out;
}
