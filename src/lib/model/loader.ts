// Loads a tokenizer and causal LM through transformers.js and adapts them to the scoring engine. WebGPU failures
// at load time (including a one-token warm-up run, where shader compilation fails) fall back to WASM.
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { defaultDtype, dtypesInFiles } from './catalog';
import type { CausalLm, Logits } from './loglik';
import type { Device, DevicePreference, Dtype, ModelInfo, ModelSource } from './protocol';
import { getTransformers, registerFiles, type RuntimeConfig } from './runtime';

/** A loaded model, ready to score. */
export interface LoadedModel {
  lm: CausalLm;
  encode: (text: string) => number[];
  decode: (ids: readonly number[]) => string;
  /** Chat-template a single user turn, ready for the assistant's reply. */
  chatPrompt: (user: string) => string;
  info: ModelInfo;
  device: Device;
  dtype: Dtype;
  fallbackNote?: string;
  /** Reloads the same model on WASM (after a WebGPU failure during a run). */
  reloadOnWasm: () => Promise<LoadedModel>;
  dispose: () => Promise<void>;
}

/** One file's download progress. */
export interface FileProgress {
  file: string;
  status: 'initiate' | 'download' | 'progress' | 'done';
  loaded: number;
  total: number;
}

/** What the host can tell about WebGPU (null in Node). */
export interface GpuProbe {
  available: boolean;
  hasShaderF16: boolean;
}

/** Load parameters. */
export interface LoadParams {
  source: ModelSource;
  device: DevicePreference;
  dtype?: Dtype;
  onProgress?: (p: FileProgress) => void;
}

let folderCounter = 0;

function describe(source: ModelSource): string {
  return source.kind === 'files' ? source.name : source.kind === 'path' ? source.path : source.id;
}

function modelIdOf(config: RuntimeConfig, source: ModelSource): string {
  switch (source.kind) {
    case 'bundled':
    case 'hub':
      return source.id;
    case 'path':
      return source.path.replace(/\/+$/, '');
    case 'files': {
      // A fresh id per pick: transformers.js memoizes file lookups by model id.
      folderCounter++;
      return registerFiles(config, `${folderCounter}-${source.name.replace(/[^\w.-]/g, '_')}`, source.files);
    }
  }
}

function availableDtypes(source: ModelSource): Dtype[] {
  if (source.kind === 'bundled') return ['fp32'];
  if (source.kind === 'files') {
    const found = dtypesInFiles(source.files.map((f) => f.path));
    return found.length > 0 ? found : ['fp32'];
  }
  return ['fp32', 'fp16', 'q8', 'q4'];
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** IEEE 754 half → float (for fp16 logits delivered as raw Uint16Array). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

function logitsOf(t: Tensor): Logits {
  const [, seq = 0, vocab = 0] = t.dims;
  const data =
    t.data instanceof Uint16Array && t.type === 'float16' ? Float32Array.from(t.data, halfToFloat) : t.data;
  return { data: data as ArrayLike<number>, seq, vocab };
}

function adapt(
  t: Awaited<ReturnType<typeof getTransformers>>,
  model: PreTrainedModel,
  padId: number,
): CausalLm {
  return {
    async forward(batch) {
      const seq = Math.max(...batch.map((b) => b.length));
      const ids = new BigInt64Array(batch.length * seq);
      const mask = new BigInt64Array(batch.length * seq);
      // Right padding keeps every real token at its natural position (position ids and learned positions agree).
      batch.forEach((row, r) => {
        for (let i = 0; i < seq; i++) {
          ids[r * seq + i] = BigInt(i < row.length ? (row[i] ?? padId) : padId);
          mask[r * seq + i] = i < row.length ? 1n : 0n;
        }
      });
      const out = (await model({
        input_ids: new t.Tensor('int64', ids, [batch.length, seq]),
        attention_mask: new t.Tensor('int64', mask, [batch.length, seq]),
      })) as { logits: Tensor };
      const logits = logitsOf(out.logits);
      const copy = logits.data instanceof Float32Array ? logits.data.slice() : Float64Array.from(logits.data);
      out.logits.dispose();
      return { data: copy, seq: logits.seq, vocab: logits.vocab };
    },
  };
}

/** Loads a model. `gpu` is null where WebGPU cannot exist (Node: ONNX Runtime's CPU provider). */
export async function loadModel(
  config: RuntimeConfig,
  params: LoadParams,
  gpu: GpuProbe | null,
): Promise<LoadedModel> {
  const t = await getTransformers(config);
  const { source } = params;
  const id = modelIdOf(config, source);
  const isLocal = source.kind !== 'hub';
  const revision = source.kind === 'hub' ? (source.revision ?? 'main') : 'main';

  const attempt = async (device: Device, note?: string): Promise<LoadedModel> => {
    const dtype = params.dtype ?? defaultDtype(device, availableDtypes(source), gpu?.hasShaderF16 ?? false);
    t.env.allowLocalModels = isLocal;
    t.env.allowRemoteModels = !isLocal;
    const progress_callback = (p: { status: string; file?: string; loaded?: number; total?: number }) => {
      if (!params.onProgress || !p.file) return;
      if (
        p.status === 'initiate' ||
        p.status === 'download' ||
        p.status === 'progress' ||
        p.status === 'done'
      ) {
        params.onProgress({ file: p.file, status: p.status, loaded: p.loaded ?? 0, total: p.total ?? 0 });
      }
    };
    const opts = { revision, progress_callback, local_files_only: isLocal };
    const tokenizer: PreTrainedTokenizer = await t.AutoTokenizer.from_pretrained(id, opts).catch(
      (e: unknown) => {
        // transformers.js reports a missing tokenizer_config.json as a property read on undefined.
        const why = e instanceof Error ? e.message : String(e);
        throw new Error(
          /tokenizer_class|not found|404/.test(why)
            ? `no tokenizer files for '${describe(source)}' (need tokenizer.json and tokenizer_config.json): ${why}`
            : why,
        );
      },
    );
    const model = await t.AutoModelForCausalLM.from_pretrained(id, { ...opts, device, dtype });
    const cfg = model.config as unknown as Record<string, unknown>;
    const prefix = numberOrNull(tokenizer.bos_token_id) ?? numberOrNull(tokenizer.eos_token_id);
    const lm = adapt(t, model, numberOrNull(tokenizer.pad_token_id) ?? prefix ?? 0);
    // Warm-up: surfaces WebGPU shader/runtime failures at load time, where falling back is cheap.
    await lm.forward([[prefix ?? 0, prefix ?? 0]]);
    const loaded: LoadedModel = {
      lm,
      encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
      decode: (ids) => (ids.length === 0 ? '' : tokenizer.decode([...ids], { skip_special_tokens: false })),
      chatPrompt: (user) =>
        tokenizer.apply_chat_template([{ role: 'user', content: user }], {
          tokenize: false,
          add_generation_prompt: true,
        }) as string,
      info: {
        modelType: String(cfg.model_type ?? 'unknown'),
        vocabSize: numberOrNull(cfg.vocab_size) ?? 0,
        maxPositions:
          numberOrNull(cfg.n_positions) ??
          numberOrNull(cfg.max_position_embeddings) ??
          numberOrNull(cfg.n_ctx),
        prefixTokenId: prefix,
        hasChatTemplate: typeof tokenizer.chat_template === 'string' && tokenizer.chat_template.length > 0,
      },
      device,
      dtype,
      reloadOnWasm: () => attempt('wasm', 'WebGPU failed during a run; continued on WASM.'),
      dispose: async () => {
        await model.dispose();
      },
    };
    if (note) loaded.fallbackNote = note;
    return loaded;
  };

  if (gpu === null) return attempt('cpu');
  const wantGpu = params.device === 'webgpu' || (params.device === 'auto' && gpu.available);
  if (!wantGpu) return attempt('wasm');
  if (!gpu.available) return attempt('wasm', 'No WebGPU adapter in this browser; running on WASM.');
  try {
    return await attempt('webgpu');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return attempt('wasm', `WebGPU failed to load the model (${why.slice(0, 200)}); running on WASM.`);
  }
}
