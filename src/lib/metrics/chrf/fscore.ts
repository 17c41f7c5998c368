// chrF's final score from (summed) statistics: sacreBLEU 2.6.0 CHRF._compute_f_score, line by line.
import type { ChrfOptions } from './options';

/**
 * _compute_f_score: with eps smoothing, the mean over all orders of the per-order F_beta (eps = 1e-16
 * for empty sides); otherwise F_beta of the precision and recall averaged over the orders where both
 * sides have n-grams. Scale 0-100.
 */
export function computeChrf(
  stats: readonly number[],
  o: Pick<ChrfOptions, 'charOrder' | 'wordOrder' | 'beta' | 'epsSmoothing'>,
): number {
  const eps = 1e-16;
  const order = o.charOrder + o.wordOrder;
  const factor = o.beta ** 2;
  let score = 0.0;
  let effectiveOrder = 0;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i] ?? 0;
    const nRef = stats[3 * i + 1] ?? 0;
    const nMatch = stats[3 * i + 2] ?? 0;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (o.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = 0.0;
    avgRec = 0.0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec === 0) return 0.0;
  score = (1 + factor) * avgPrec * avgRec;
  score /= factor * avgPrec + avgRec;
  return 100 * score;
}
