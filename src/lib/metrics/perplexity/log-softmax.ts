// Numerically stable log-softmax over one row of logits, as torch.log_softmax does: shift by the row maximum
// before exponentiating so large logits never overflow and the result is exact for a constant shift.

/** log softmax(logits[offset .. offset+vocab))[target], in float64. */
export function logSoftmaxAt(
  logits: ArrayLike<number>,
  offset: number,
  vocab: number,
  target: number,
): number {
  let max = -Infinity;
  for (let c = 0; c < vocab; c++) {
    const v = logits[offset + c] ?? -Infinity;
    if (v > max) max = v;
  }
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let c = 0; c < vocab; c++) sum += Math.exp((logits[offset + c] ?? -Infinity) - max);
  return (logits[offset + target] ?? -Infinity) - max - Math.log(sum);
}

/** Negative log-likelihood (nats) of `target` under the logits row starting at `offset`. */
export function nllAt(logits: ArrayLike<number>, offset: number, vocab: number, target: number): number {
  return -logSoftmaxAt(logits, offset, vocab, target);
}
