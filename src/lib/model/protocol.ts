// Messages between the main thread and the model worker (the only file both sides import). Requests carry ids;
// every request gets at least one answer, an `error` when nothing else.

/** Where ONNX Runtime runs. `cpu` is onnxruntime-node (CLI, tests). */
export type Device = 'webgpu' | 'wasm' | 'cpu';
/** The user's device choice. */
export type DevicePreference = 'auto' | 'webgpu' | 'wasm';
/** Weight formats transformers.js maps to ONNX file suffixes ('' , _fp16, _quantized, _q4). */
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4';

/** A model to load. */
export type ModelSource =
  /** A model served by the app under models/ (the generated tiny models). */
  | { kind: 'bundled'; id: string }
  /** A Hugging Face hub repository. */
  | { kind: 'hub'; id: string; revision?: string }
  /** Files picked or dropped by the user; `path` is relative to the model folder (config.json, onnx/model.onnx…). */
  | { kind: 'files'; name: string; files: { path: string; file: Blob }[] }
  /** A folder on disk (Node only). */
  | { kind: 'path'; path: string };

/** Settings that change the numbers; stored as part of a run's signature. */
export interface ScoreOptions {
  maxLength: number;
  stride: number;
  batchSize: number;
  /** Prepend BOS (or EOS when there is none, as lm-evaluation-harness's prefix token) to each sequence. */
  addBos: boolean;
  /** Wrap the context as a user turn with the tokenizer's chat template before scoring the continuation. */
  chatTemplate: boolean;
}

/** One text to score: the continuation given the context ('' for rolling perplexity of a whole text). */
export interface ScoreItem {
  key: string;
  context: string;
  continuation: string;
  /** Return per-token NLLs and token texts. */
  detail?: boolean;
}

export interface LoadRequest {
  type: 'load';
  id: number;
  /** Handle the caller uses for later score requests. */
  modelKey: string;
  source: ModelSource;
  device: DevicePreference;
  /** Omitted: the default for the device and model. */
  dtype?: Dtype;
}

export interface ScoreRequest {
  type: 'score';
  id: number;
  modelKey: string;
  items: ScoreItem[];
  options: ScoreOptions;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
  /** Id of the score request to stop. */
  target: number;
}

export interface DisposeRequest {
  type: 'dispose';
  id: number;
  /** Omitted: every loaded model. */
  modelKey?: string;
}

export type ModelRequest = LoadRequest | ScoreRequest | CancelRequest | DisposeRequest;

/** Download progress of one file, or scoring progress. */
export type ProgressMessage =
  | {
      type: 'progress';
      id: number;
      phase: 'download';
      file: string;
      status: 'initiate' | 'download' | 'progress' | 'done';
      loaded: number;
      total: number;
    }
  | {
      type: 'progress';
      id: number;
      phase: 'score';
      itemsDone: number;
      itemsTotal: number;
      windowsDone: number;
      windowsTotal: number;
      tokensScored: number;
      elapsedMs: number;
    };

/** What the loaded model is. */
export interface ModelInfo {
  modelType: string;
  vocabSize: number;
  /** Context length from the config (n_positions, max_position_embeddings…), null when unknown. */
  maxPositions: number | null;
  /** Token prepended by `addBos`, null when the tokenizer has neither BOS nor EOS. */
  prefixTokenId: number | null;
  hasChatTemplate: boolean;
}

export interface LoadedMessage {
  type: 'loaded';
  id: number;
  modelKey: string;
  device: Device;
  dtype: Dtype;
  info: ModelInfo;
  /** Set when WebGPU failed and WASM ran instead. */
  fallbackNote?: string;
}

/** One scored item. */
export interface ItemResult {
  key: string;
  tokens: number;
  nllSum: number;
  /** With `detail`: the scored tokens' text pieces and NLLs (nats), aligned. */
  detail?: { pieces: string[]; nll: number[] };
}

export interface ScoredMessage {
  type: 'scored';
  id: number;
  /** Items completed since the previous `scored` message of this request. */
  results: ItemResult[];
  /** False for the last message of the request. */
  partial: boolean;
  cancelled: boolean;
  device: Device;
  /** Set when a WebGPU run failed and the request continued on WASM. */
  fallbackNote?: string;
}

/** Answer to `dispose`. */
export interface DisposedMessage {
  type: 'disposed';
  id: number;
}

export type ErrorCode = 'load-failed' | 'not-loaded' | 'bad-request' | 'score-failed' | 'internal';

export interface ErrorMessage {
  type: 'error';
  id: number;
  code: ErrorCode;
  message: string;
}

export type ModelResponse = ProgressMessage | LoadedMessage | ScoredMessage | DisposedMessage | ErrorMessage;
