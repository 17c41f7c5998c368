// A dependency-free writer for the subset of onnx.proto (proto2) needed to build small inference graphs.
// Field numbers are those of onnx/onnx.proto; protobuf wire types: 0 varint, 2 length-delimited, 5 fixed32.

const utf8 = new TextEncoder();

/** ONNX TensorProto.DataType values used here. */
export const ElemType = { FLOAT: 1, INT64: 7, BOOL: 9 } as const;

/** Protobuf varint of a non-negative or (two's complement, 10-byte) negative 64-bit integer. */
function varint(value: number | bigint): number[] {
  let x = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  for (;;) {
    const low = Number(x & 0x7fn);
    x >>= 7n;
    if (x === 0n) {
      out.push(low);
      return out;
    }
    out.push(low | 0x80);
  }
}

/** Appends protobuf fields to a growing list of byte chunks. */
export class ProtoWriter {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;

  #raw(bytes: Uint8Array | number[]): void {
    const u8 = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
    this.#chunks.push(u8);
    this.#length += u8.length;
  }

  #key(field: number, wireType: 0 | 2 | 5): void {
    this.#raw(varint(field * 8 + wireType));
  }

  /** int32/int64/enum field (wire type 0). */
  int(field: number, value: number | bigint): this {
    this.#key(field, 0);
    this.#raw(varint(value));
    return this;
  }

  /** float field (wire type 5, little-endian IEEE 754 single). */
  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.#key(field, 5);
    this.#raw(b);
    return this;
  }

  /** bytes field. */
  bytes(field: number, value: Uint8Array): this {
    this.#key(field, 2);
    this.#raw(varint(value.length));
    this.#raw(value);
    return this;
  }

  /** string field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  /** Embedded message field. */
  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  /** The concatenated encoding. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let offset = 0;
    for (const c of this.#chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

/** TensorProto with raw little-endian data (dims=1, data_type=2, name=8, raw_data=9). */
export function tensorProto(
  name: string,
  dims: readonly number[],
  data: Float32Array | BigInt64Array,
): ProtoWriter {
  const t = new ProtoWriter();
  for (const d of dims) t.int(1, d);
  t.int(2, data instanceof Float32Array ? ElemType.FLOAT : ElemType.INT64);
  t.string(8, name);
  // Typed arrays are little-endian on every platform Node and browsers run on, matching ONNX raw_data.
  return t.bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

/** A dimension: a fixed size or a symbolic name such as 'batch_size'. */
export type Dim = number | string;

/** ValueInfoProto(name=1, type=2) → TypeProto.tensor_type=1 → (elem_type=1, shape=2) → dim=1 → (dim_value=1 | dim_param=2). */
export function valueInfo(name: string, elemType: number, shape: readonly Dim[]): ProtoWriter {
  const shapeMsg = new ProtoWriter();
  for (const d of shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else dim.string(2, d);
    shapeMsg.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, elemType).message(2, shapeMsg);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

/** Node attribute values this writer supports. */
export type AttrValue = number | string | readonly number[];

// AttributeProto: name=1, f=2, i=3, s=4, ints=8, type=20 (AttributeType FLOAT=1, INT=2, STRING=3, INTS=7).
function attributeProto(name: string, value: AttrValue, isFloat: boolean): ProtoWriter {
  const a = new ProtoWriter().string(1, name);
  if (typeof value === 'string') return a.string(4, value).int(20, 3);
  if (typeof value === 'number') return isFloat ? a.float(2, value).int(20, 1) : a.int(3, value).int(20, 2);
  for (const v of value) a.int(8, v);
  return a.int(20, 7);
}

/** One graph node: NodeProto(input=1, output=2, name=3, op_type=4, attribute=5). Float attributes are listed in `floatAttrs`. */
export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attrs?: Record<string, AttrValue>;
  floatAttrs?: readonly string[];
}

function nodeProto(spec: NodeSpec, index: number): ProtoWriter {
  const n = new ProtoWriter();
  for (const i of spec.inputs) n.string(1, i);
  for (const o of spec.outputs) n.string(2, o);
  n.string(3, `${spec.op.toLowerCase()}_${index}`).string(4, spec.op);
  for (const [k, v] of Object.entries(spec.attrs ?? {})) {
    n.message(5, attributeProto(k, v, spec.floatAttrs?.includes(k) ?? false));
  }
  return n;
}

/** A whole model: graph nodes, initializers and typed graph inputs/outputs. */
export interface GraphSpec {
  name: string;
  nodes: readonly NodeSpec[];
  initializers: readonly ProtoWriter[];
  inputs: readonly ProtoWriter[];
  outputs: readonly ProtoWriter[];
}

/**
 * ModelProto(ir_version=1, producer_name=2, producer_version=3, graph=7, opset_import=8) with
 * GraphProto(node=1, name=2, initializer=5, input=11, output=12). IR 8 / default-domain opset 14.
 */
export function encodeModel(graph: GraphSpec, producer = 'yardstick-tiny-lm'): Uint8Array {
  const g = new ProtoWriter();
  graph.nodes.forEach((spec, i) => g.message(1, nodeProto(spec, i)));
  g.string(2, graph.name);
  for (const t of graph.initializers) g.message(5, t);
  for (const v of graph.inputs) g.message(11, v);
  for (const v of graph.outputs) g.message(12, v);
  const opset = new ProtoWriter().string(1, '').int(2, 14);
  return new ProtoWriter()
    .int(1, 8)
    .string(2, producer)
    .string(3, '1')
    .message(7, g)
    .message(8, opset)
    .finish();
}
