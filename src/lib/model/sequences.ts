// Turning texts into token sequences to score. Pure code: the tokenizer comes in as a function.
// Conditional scoring splits tokens at the context boundary exactly as lm-evaluation-harness's
// `HFLM._encode_pair`: trailing whitespace of the context moves to the continuation, the pair is encoded whole,
// and the continuation is whatever follows the context's own encoding.

/** A text's tokens and the first position whose prediction is scored. */
export interface TokenSequence {
  tokens: number[];
  firstScored: number;
}

/** Encodes text to token ids without special tokens. */
export type Encode = (text: string) => number[];

/** Rolling (unconditional) scoring of a whole text; a prefix token (BOS) makes the first text token scored. */
export function rollingSequence(encode: Encode, text: string, prefixId: number | null): TokenSequence {
  const ids = encode(text);
  return prefixId === null ? { tokens: ids, firstScored: 1 } : { tokens: [prefixId, ...ids], firstScored: 1 };
}

/** lm-evaluation-harness `_encode_pair`: context and continuation token ids. */
export function encodePair(
  encode: Encode,
  context: string,
  continuation: string,
): { context: number[]; continuation: number[] } {
  const trimmed = context.replace(/\s+$/u, '');
  const spaces = context.length - trimmed.length;
  const ctx = spaces > 0 ? trimmed : context;
  const cont = spaces > 0 ? context.slice(trimmed.length) + continuation : continuation;
  const whole = encode(ctx + cont);
  const ctxIds = encode(ctx);
  return { context: ctxIds, continuation: whole.slice(ctxIds.length) };
}

/**
 * Conditional scoring of `continuation` given `context`. An empty context falls back to rolling scoring
 * (lm-evaluation-harness then uses the prefix token as the only context).
 */
export function conditionalSequence(
  encode: Encode,
  context: string,
  continuation: string,
  prefixId: number | null,
): TokenSequence {
  if (context === '') return rollingSequence(encode, continuation, prefixId);
  const pair = encodePair(encode, context, continuation);
  const head = prefixId === null ? pair.context : [prefixId, ...pair.context];
  return { tokens: [...head, ...pair.continuation], firstScored: Math.max(1, head.length) };
}
