// ONNX graphs of the generated causal LMs. Inputs input_ids and attention_mask (int64 [batch, seq]); output
// logits (float32 [batch, seq, VOCAB]). No past key/values: transformers.js only feeds inputs a graph declares.
import { ElemType, encodeModel, tensorProto, valueInfo, type NodeSpec } from './onnx-proto';
import { ATTN_POSITIONS, ATTN_WIDTH, VOCAB, type AttnWeights } from './reference';

const inputs = [
  valueInfo('input_ids', ElemType.INT64, ['batch_size', 'sequence_length']),
  valueInfo('attention_mask', ElemType.INT64, ['batch_size', 'sequence_length']),
];
const outputs = [valueInfo('logits', ElemType.FLOAT, ['batch_size', 'sequence_length', VOCAB])];

const f32 = (name: string, dims: number[], data: ArrayLike<number>) =>
  tensorProto(name, dims, Float32Array.from(data));
const i64 = (name: string, dims: number[], data: number[]) =>
  tensorProto(name, dims, BigInt64Array.from(data.map((v) => BigInt(v))));
const op = (opName: string, ins: string[], outs: string[], attrs?: NodeSpec['attrs']): NodeSpec =>
  attrs ? { op: opName, inputs: ins, outputs: outs, attrs } : { op: opName, inputs: ins, outputs: outs };

/**
 * A bigram LM: logits[b, t, :] = table[input_ids[b, t], :], a log-probability row. Padded positions are
 * multiplied by their zero mask (uniform logits), so they never produce NaN.
 */
export function bigramModel(name: string, logTable: Float64Array): Uint8Array {
  return encodeModel({
    name,
    inputs,
    outputs,
    initializers: [f32('log_table', [VOCAB, VOCAB], logTable), i64('axis_last', [1], [2])],
    nodes: [
      op('Gather', ['log_table', 'input_ids'], ['rows'], { axis: 0 }),
      op('Cast', ['attention_mask'], ['mask_f'], { to: ElemType.FLOAT }),
      op('Unsqueeze', ['mask_f', 'axis_last'], ['mask_b']),
      op('Mul', ['rows', 'mask_b'], ['logits']),
    ],
  });
}

/** One layer, one head of causal self-attention with learned positions and a residual (see attnReferenceLogits). */
export function attnModel(w: AttnWeights): Uint8Array {
  const d = ATTN_WIDTH;
  return encodeModel({
    name: 'tiny_attn',
    inputs,
    outputs,
    initializers: [
      f32('token_emb', [VOCAB, d], w.tokenEmb),
      f32('pos_emb', [ATTN_POSITIONS, d], w.posEmb),
      f32('w_query', [d, d], w.wQuery),
      f32('w_key', [d, d], w.wKey),
      f32('w_value', [d, d], w.wValue),
      f32('w_out', [d, d], w.wOut),
      f32('w_head', [d, VOCAB], w.wHead),
      f32('b_head', [VOCAB], w.bHead),
      i64('i_zero', [], [0]),
      i64('i_one', [], [1]),
      i64('axes_0', [1], [0]),
      i64('axes_1', [1], [1]),
      f32('inv_sqrt_d', [], [1 / Math.sqrt(d)]),
      f32('f_one', [], [1]),
      f32('f_big', [], [1e9]),
      f32('f_neg_big', [], [-1e9]),
    ],
    nodes: [
      op('Gather', ['token_emb', 'input_ids'], ['tok'], { axis: 0 }),
      op('Shape', ['input_ids'], ['ids_shape']),
      op('Gather', ['ids_shape', 'i_one'], ['seq_len'], { axis: 0 }),
      op('Range', ['i_zero', 'seq_len', 'i_one'], ['positions']),
      op('Gather', ['pos_emb', 'positions'], ['pos'], { axis: 0 }),
      op('Add', ['tok', 'pos'], ['h']),
      op('MatMul', ['h', 'w_query'], ['q']),
      op('MatMul', ['h', 'w_key'], ['k']),
      op('MatMul', ['h', 'w_value'], ['v']),
      op('Transpose', ['k'], ['k_t'], { perm: [0, 2, 1] }),
      op('MatMul', ['q', 'k_t'], ['qk']),
      op('Mul', ['qk', 'inv_sqrt_d'], ['scores']),
      // Padding: keys with mask 0 get -1e9 added.
      op('Cast', ['attention_mask'], ['mask_f'], { to: ElemType.FLOAT }),
      op('Unsqueeze', ['mask_f', 'axes_1'], ['key_mask']),
      op('Sub', ['key_mask', 'f_one'], ['key_off']),
      op('Mul', ['key_off', 'f_big'], ['key_bias']),
      op('Add', ['scores', 'key_bias'], ['scores_keyed']),
      // Causality: query row i may not see key column j > i.
      op('Unsqueeze', ['positions', 'axes_1'], ['row_idx']),
      op('Unsqueeze', ['positions', 'axes_0'], ['col_idx']),
      op('Less', ['row_idx', 'col_idx'], ['is_future']),
      op('Where', ['is_future', 'f_neg_big', 'scores_keyed'], ['scores_causal']),
      op('Softmax', ['scores_causal'], ['attn'], { axis: -1 }),
      op('MatMul', ['attn', 'v'], ['ctx']),
      op('MatMul', ['ctx', 'w_out'], ['attn_out']),
      op('Add', ['h', 'attn_out'], ['h2']),
      op('MatMul', ['h2', 'w_head'], ['head']),
      op('Add', ['head', 'b_head'], ['logits']),
    ],
  });
}
