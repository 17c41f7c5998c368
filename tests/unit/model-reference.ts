// Independent expectations for the model tests: the HF recipe's window loop and NLL sums from the generated models'
// closed form (tiny-bigram) and float64 forward pass (tiny-attn), with no ONNX Runtime involved.
import {
  EOS_ID,
  attnReferenceLogits,
  byteIds,
  referenceLogProb,
  tinyBigramLogProb,
} from '../../scripts/tiny-lm/reference';

/** Σ −log P(x_t | x_{t−1}) for t ≥ from under tiny-bigram. */
export function bigramNll(ids: readonly number[], from = 1): number {
  let s = 0;
  for (let t = Math.max(1, from); t < ids.length; t++) s -= tinyBigramLogProb(ids[t - 1] ?? 0, ids[t] ?? 0);
  return s;
}

/** tiny-attn NLL of targets [from, ids.length) with the full sequence as context (no windows). */
export function attnNll(ids: readonly number[], from = 1): number {
  const logits = attnReferenceLogits(ids);
  let s = 0;
  for (let t = Math.max(1, from); t < ids.length; t++) s -= referenceLogProb(logits, t - 1, ids[t] ?? 0);
  return s;
}

/** tiny-attn NLL of a whole text under the HF "perplexity of fixed-length models" loop (each window run alone). */
export function attnWindowedNll(
  ids: readonly number[],
  maxLength: number,
  stride: number,
): { nll: number; tokens: number } {
  let nll = 0;
  let tokens = 0;
  let prevEnd = 0;
  for (let begin = 0; begin < ids.length; begin += stride) {
    const end = Math.min(begin + maxLength, ids.length);
    const trgLen = end - prevEnd;
    const window = ids.slice(begin, end);
    const logits = attnReferenceLogits(window);
    for (let t = Math.max(end - trgLen, begin + 1); t < end; t++) {
      nll -= referenceLogProb(logits, t - begin - 1, ids[t] ?? 0);
      tokens++;
    }
    prevEnd = end;
    if (end === ids.length) break;
  }
  return { nll, tokens };
}

export { EOS_ID, byteIds };

/** |a − b| / |b| (absolute when b is 0). */
export function relErr(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
