// Paired significance tests between a baseline and a system on the same rows, with sacreBLEU 2.6.0's
// semantics (sacrebleu/significance.py): paired bootstrap resampling (_paired_bs_test, Koehn 2004, as
// Moses' bootstrap-hypothesis-difference-significance.pl) and paired approximate randomization
// (_paired_ar_test, Riezler & Maxwell 2005, after multeval). Both recompute corpus scores from per-row
// statistics and share _compute_p_value: p = (#{trial statistic > observed |difference|} + 1) / (trials + 1).
// The RNG is mulberry32, so p-values agree with sacreBLEU's in distribution, not digit for digit.
import { mulberry32 } from '../../core/random';
import {
  bootstrapScores,
  DEFAULT_BOOTSTRAP_SAMPLES,
  DEFAULT_SEED,
  estimateCi,
  packStats,
  resampleIndices,
  sumAll,
  type PackedStats,
  type StatsScore,
} from './bootstrap';

/** sacreBLEU's default number of approximate-randomization trials. */
export const DEFAULT_AR_TRIALS = 10000;

/** Outcome of a paired test. Scores on the metric's own scale. */
export interface PairedTestResult {
  test: 'paired-bs' | 'paired-ar';
  baseline: number;
  system: number;
  /** system − baseline. */
  difference: number;
  pValue: number;
  /** Resamples (bs) or trials (ar). */
  nSamples: number;
  seed: number;
  /** Bootstrap mean and ± half-width per system (paired-bs always; paired-ar when confidence samples > 0). */
  baselineCi?: { mean: number; ci: number };
  systemCi?: { mean: number; ci: number };
}

/** Options of both tests. */
export interface PairedOptions {
  /** Resamples (bs, default 1000) or trials (ar, default 10000). */
  nSamples?: number;
  seed?: number;
  /** paired-ar only: bootstrap resamples for the systems' confidence intervals (0 = none, the default). */
  confidenceSamples?: number;
}

/** sacreBLEU's _compute_p_value (from multeval): (count of resampled stats strictly above the observed + 1) / (n + 1).
 *  The +1 keeps the false-rejection rate at or below the level, so identical systems get the floor 1/(n+1). */
export function pValue(stats: ArrayLike<number>, observed: number): number {
  let c = 0;
  for (let i = 0; i < stats.length; i++) if ((stats[i] ?? NaN) > observed) c++;
  return (c + 1) / (stats.length + 1);
}

/**
 * paired-bs p-value from the two systems' scores on the same resamples: the statistic is |sys − bl| per
 * resample centred on its mean (the null hypothesis), compared with the observed |difference|.
 */
export function pairedBsPValue(
  scoresBl: ArrayLike<number>,
  scoresSys: ArrayLike<number>,
  observed: number,
): number {
  const n = scoresBl.length;
  const diffs = new Float64Array(n);
  let mean = 0;
  for (let s = 0; s < n; s++) {
    diffs[s] = Math.abs((scoresSys[s] ?? 0) - (scoresBl[s] ?? 0));
    mean += diffs[s] ?? 0;
  }
  mean /= n;
  for (let s = 0; s < n; s++) diffs[s] = (diffs[s] ?? 0) - mean;
  return pValue(diffs, observed);
}

/**
 * One approximate-randomization trial's coin flips, in place: `swap[i]` is 1 when row i's two outputs trade
 * places (probability ½). One 32-bit draw of `rand` serves 32 rows, lowest bit first.
 */
export function drawSwaps(rand: () => number, swap: Uint8Array): void {
  let bits = 0;
  for (let i = 0; i < swap.length; i++) {
    if ((i & 31) === 0) bits = (rand() * 4294967296) >>> 0;
    swap[i] = (bits >>> (i & 31)) & 1;
  }
}

function packPair(
  baseline: readonly (readonly number[])[],
  system: readonly (readonly number[])[],
): [PackedStats, PackedStats] {
  if (baseline.length !== system.length) {
    throw new RangeError(`paired test needs the same rows: ${baseline.length} vs ${system.length}`);
  }
  const bl = packStats(baseline);
  const sys = packStats(system);
  if (bl.rows > 0 && bl.width !== sys.width) throw new RangeError('paired test: statistics widths differ');
  return [bl, sys];
}

/**
 * Paired bootstrap: the same resampled row sets score both systems; the statistic is |sys − bl| per
 * resample centred on its mean, compared with the observed |difference|.
 */
export function pairedBootstrap(
  baseline: readonly (readonly number[])[],
  system: readonly (readonly number[])[],
  score: StatsScore,
  options: PairedOptions = {},
): PairedTestResult {
  const nSamples = options.nSamples ?? DEFAULT_BOOTSTRAP_SAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const [bl, sys] = packPair(baseline, system);
  const blScore = score(sumAll(bl));
  const sysScore = score(sumAll(sys));
  const observed = Math.abs(blScore - sysScore);
  const idx = resampleIndices(bl.rows, nSamples, seed);
  const scoresBl = bootstrapScores(bl, score, idx);
  const scoresSys = bootstrapScores(sys, score, idx);
  const eb = estimateCi(scoresBl);
  const es = estimateCi(scoresSys);
  return {
    test: 'paired-bs',
    baseline: blScore,
    system: sysScore,
    difference: sysScore - blScore,
    pValue: pairedBsPValue(scoresBl, scoresSys, observed),
    nSamples,
    seed,
    baselineCi: { mean: eb.mean, ci: eb.ci },
    systemCi: { mean: es.mean, ci: es.ci },
  };
}

/**
 * Paired approximate randomization: each trial swaps every row's statistics between the two systems
 * with probability 1/2 and records |score(A) − score(B)| of the shuffled pseudo-systems.
 */
export function pairedApproxRandomization(
  baseline: readonly (readonly number[])[],
  system: readonly (readonly number[])[],
  score: StatsScore,
  options: PairedOptions = {},
): PairedTestResult {
  const nSamples = options.nSamples ?? DEFAULT_AR_TRIALS;
  const seed = options.seed ?? DEFAULT_SEED;
  const [bl, sys] = packPair(baseline, system);
  const blSum = sumAll(bl);
  const sysSum = sumAll(sys);
  const blScore = score(blSum);
  const sysScore = score(sysSum);
  const observed = Math.abs(blScore - sysScore);
  const { rows, width } = bl;
  // Pseudo-system A takes the baseline's row where the coin says so, else the system's:
  // A = sys_total + Σ_swapped (bl_i − sys_i) and B = bl_total − Σ_swapped (bl_i − sys_i), each
  // accumulated on its own so that identical systems give exactly equal A and B.
  const delta = new Float64Array(rows * width);
  for (let i = 0; i < delta.length; i++) delta[i] = (bl.data[i] ?? 0) - (sys.data[i] ?? 0);
  const rand = mulberry32(seed);
  const stats = new Float64Array(nSamples);
  const a = new Float64Array(width);
  const b = new Float64Array(width);
  const swap = new Uint8Array(rows);
  for (let t = 0; t < nSamples; t++) {
    for (let j = 0; j < width; j++) {
      a[j] = sysSum[j] ?? 0;
      b[j] = blSum[j] ?? 0;
    }
    drawSwaps(rand, swap);
    for (let i = 0; i < rows; i++) {
      if (swap[i]) {
        const base = i * width;
        for (let j = 0; j < width; j++) {
          const d = delta[base + j] ?? 0;
          a[j] = (a[j] ?? 0) + d;
          b[j] = (b[j] ?? 0) - d;
        }
      }
    }
    stats[t] = Math.abs(score(Array.from(a)) - score(Array.from(b)));
  }
  const result: PairedTestResult = {
    test: 'paired-ar',
    baseline: blScore,
    system: sysScore,
    difference: sysScore - blScore,
    pValue: pValue(stats, observed),
    nSamples,
    seed,
  };
  const nConf = options.confidenceSamples ?? 0;
  if (nConf > 0 && rows > 0) {
    const idx = resampleIndices(rows, nConf, seed);
    const eb = estimateCi(bootstrapScores(bl, score, idx));
    const es = estimateCi(bootstrapScores(sys, score, idx));
    result.baselineCi = { mean: eb.mean, ci: eb.ci };
    result.systemCi = { mean: es.mean, ci: es.ci };
  }
  return result;
}
