// Constants, seeded weights and float64 reference computations for the generated test LMs. Tests import this
// module to check what transformers.js + ONNX Runtime compute against values derived independently of them.
import { mulberry32 } from '../../src/lib/core/random';

/** Vocabulary: the 256 byte values plus `<|endoftext|>` (id 256). Token id == UTF-8 byte value. */
export const VOCAB = 257;
/** Id of `<|endoftext|>` (bos = eos = pad). */
export const EOS_ID = 256;
/** tiny-bigram: probability that the next token is the current id + 1 (mod VOCAB). */
export const P_NEXT = 0.5;
/** tiny-attn: model width. */
export const ATTN_WIDTH = 24;
/** tiny-attn: learned positions, i.e. the model's context length. */
export const ATTN_POSITIONS = 1024;
/** Context length declared for the bigram models (they have no positional limit of their own). */
export const BIGRAM_POSITIONS = 1024;
/** Seed of the tiny-attn weights. */
export const ATTN_SEED = 20240917;

/** Token ids of a text for these byte-level models (no special tokens). */
export function byteIds(text: string): number[] {
  return Array.from(new TextEncoder().encode(text));
}

/** tiny-bigram: log P(next | prev) in float64. */
export function tinyBigramLogProb(prev: number, next: number): number {
  return next === (prev + 1) % VOCAB ? Math.log(P_NEXT) : Math.log((1 - P_NEXT) / (VOCAB - 1));
}

/** tiny-bigram's full log-probability table [VOCAB × VOCAB], row = previous token. */
export function tinyBigramTable(): Float64Array {
  const t = new Float64Array(VOCAB * VOCAB);
  for (let i = 0; i < VOCAB; i++) for (let j = 0; j < VOCAB; j++) t[i * VOCAB + j] = tinyBigramLogProb(i, j);
  return t;
}

/**
 * demo-bigram: add-one (Laplace) smoothed byte bigram estimated from `corpus`:
 * P(j | i) = (c(i, j) + 1) / (c(i) + VOCAB). Paragraphs (split on blank lines) start after `<|endoftext|>`
 * and end with it, so the model also knows how texts begin.
 */
export function demoBigramTable(corpus: string): Float64Array {
  const counts = new Float64Array(VOCAB * VOCAB);
  for (const para of corpus.split(/\n\s*\n/)) {
    const text = para.trim();
    if (!text) continue;
    const ids = [EOS_ID, ...byteIds(text), EOS_ID];
    for (let t = 0; t + 1 < ids.length; t++) {
      const k = (ids[t] ?? 0) * VOCAB + (ids[t + 1] ?? 0);
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  const table = new Float64Array(VOCAB * VOCAB);
  for (let i = 0; i < VOCAB; i++) {
    let rowTotal = 0;
    for (let j = 0; j < VOCAB; j++) rowTotal += counts[i * VOCAB + j] ?? 0;
    for (let j = 0; j < VOCAB; j++) {
      table[i * VOCAB + j] = Math.log(((counts[i * VOCAB + j] ?? 0) + 1) / (rowTotal + VOCAB));
    }
  }
  return table;
}

/** Weights of tiny-attn, float32 exactly as stored in the ONNX file. Row-major, x·W convention. */
export interface AttnWeights {
  tokenEmb: Float32Array; // [VOCAB, W]
  posEmb: Float32Array; // [POSITIONS, W]
  wQuery: Float32Array; // [W, W]
  wKey: Float32Array;
  wValue: Float32Array;
  wOut: Float32Array;
  wHead: Float32Array; // [W, VOCAB]
  bHead: Float32Array; // [VOCAB]
}

/** Deterministic uniform(-scale, scale) weights drawn from mulberry32(ATTN_SEED). */
export function attnWeights(): AttnWeights {
  const rand = mulberry32(ATTN_SEED);
  const w = ATTN_WIDTH;
  const draw = (n: number, scale: number): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (2 * rand() - 1) * scale;
    return a;
  };
  const proj = 1 / Math.sqrt(w);
  return {
    tokenEmb: draw(VOCAB * w, 1),
    posEmb: draw(ATTN_POSITIONS * w, 0.5),
    wQuery: draw(w * w, 1.5 * proj),
    wKey: draw(w * w, 1.5 * proj),
    wValue: draw(w * w, proj),
    wOut: draw(w * w, proj),
    wHead: draw(w * VOCAB, 2.5 * proj),
    bHead: draw(VOCAB, 0.5),
  };
}

function at(a: ArrayLike<number>, i: number): number {
  return a[i] ?? 0;
}

/** x[s × W] · M[W × cols] in float64. */
function matmul(x: Float64Array, m: Float32Array, rows: number, inner: number, cols: number): Float64Array {
  const y = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < inner; k++) {
      const xv = at(x, r * inner + k);
      if (xv === 0) continue;
      for (let c = 0; c < cols; c++) y[r * cols + c] = at(y, r * cols + c) + xv * at(m, k * cols + c);
    }
  }
  return y;
}

/**
 * Float64 forward pass of tiny-attn for one unpadded sequence → logits [s × VOCAB]:
 * h = E[x] + P[t]; single-head causal attention softmax(q·kᵀ/√W)·v; h2 = h + attn·Wo; logits = h2·Wh + bh.
 */
export function attnReferenceLogits(ids: readonly number[], weights = attnWeights()): Float64Array {
  const s = ids.length;
  const w = ATTN_WIDTH;
  if (s > ATTN_POSITIONS) throw new Error(`sequence of ${s} exceeds ${ATTN_POSITIONS} positions`);
  const h = new Float64Array(s * w);
  for (let t = 0; t < s; t++) {
    const id = ids[t] ?? 0;
    for (let j = 0; j < w; j++)
      h[t * w + j] = at(weights.tokenEmb, id * w + j) + at(weights.posEmb, t * w + j);
  }
  const q = matmul(h, weights.wQuery, s, w, w);
  const k = matmul(h, weights.wKey, s, w, w);
  const v = matmul(h, weights.wValue, s, w, w);
  const ctx = new Float64Array(s * w);
  const scores = new Float64Array(s);
  const scale = 1 / Math.sqrt(w);
  for (let t = 0; t < s; t++) {
    let max = -Infinity;
    for (let u = 0; u <= t; u++) {
      let dot = 0;
      for (let j = 0; j < w; j++) dot += at(q, t * w + j) * at(k, u * w + j);
      scores[u] = dot * scale;
      max = Math.max(max, dot * scale);
    }
    let z = 0;
    for (let u = 0; u <= t; u++) {
      scores[u] = Math.exp(at(scores, u) - max);
      z += at(scores, u);
    }
    for (let u = 0; u <= t; u++) {
      const p = at(scores, u) / z;
      for (let j = 0; j < w; j++) ctx[t * w + j] = at(ctx, t * w + j) + p * at(v, u * w + j);
    }
  }
  const o = matmul(ctx, weights.wOut, s, w, w);
  const h2 = new Float64Array(s * w);
  for (let i = 0; i < s * w; i++) h2[i] = at(h, i) + at(o, i);
  const logits = matmul(h2, weights.wHead, s, w, VOCAB);
  for (let t = 0; t < s; t++)
    for (let c = 0; c < VOCAB; c++) logits[t * VOCAB + c] = at(logits, t * VOCAB + c) + at(weights.bHead, c);
  return logits;
}

/** Float64 log-softmax of logits row `row` evaluated at `target` (max-shifted log-sum-exp). */
export function referenceLogProb(logits: Float64Array, row: number, target: number): number {
  let max = -Infinity;
  for (let c = 0; c < VOCAB; c++) max = Math.max(max, at(logits, row * VOCAB + c));
  let z = 0;
  for (let c = 0; c < VOCAB; c++) z += Math.exp(at(logits, row * VOCAB + c) - max);
  return at(logits, row * VOCAB + target) - max - Math.log(z);
}
