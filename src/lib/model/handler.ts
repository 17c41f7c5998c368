// The model worker's logic as a plain function: requests in, responses out through `emit`. The worker file is a
// thin shell around it; the CLI and the unit tests call it directly (onnxruntime-node under transformers.js).
import { scoreJobs, type ScoringJob, type SequenceScore } from './loglik';
import { loadModel, type GpuProbe, type LoadedModel } from './loader';
import { tokenPieces } from './pieces';
import type { ErrorCode, ItemResult, ModelRequest, ModelResponse, ScoreRequest } from './protocol';
import type { RuntimeConfig } from './runtime';
import { conditionalSequence } from './sequences';
import { windowSettingsError } from './windows';

/** Sends one response (postMessage in the worker). */
export type Emit = (message: ModelResponse) => void;

/** A request handler with its own loaded models. */
export interface ModelHandler {
  handleRequest(req: ModelRequest, emit: Emit): Promise<void>;
}

class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Lets queued messages (a cancel) in between batches: a macrotask, not just a microtask. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function validateScore(req: ScoreRequest): void {
  const o = req.options;
  const problem = windowSettingsError(o.maxLength, o.stride);
  if (problem) throw new RequestError('bad-request', problem);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) {
    throw new RequestError('bad-request', `batch size must be a positive integer (got ${o.batchSize})`);
  }
  if (!Array.isArray(req.items)) throw new RequestError('bad-request', 'items must be an array');
}

/** Creates a handler. `probeGpu` says whether WebGPU exists (null: Node, CPU only). */
export function createModelHandler(
  config: RuntimeConfig,
  probeGpu: () => Promise<GpuProbe | null>,
): ModelHandler {
  const models = new Map<string, Promise<LoadedModel>>();
  const running = new Map<number, { cancelled: boolean }>();
  let loadChain: Promise<unknown> = Promise.resolve();

  async function load(req: Extract<ModelRequest, { type: 'load' }>, emit: Emit): Promise<void> {
    const previous = models.get(req.modelKey);
    models.delete(req.modelKey);
    if (previous) await previous.then((m) => m.dispose()).catch(() => undefined);
    // transformers.js's env is global: loads run one at a time.
    const pending = loadChain.then(async () =>
      loadModel(
        config,
        {
          source: req.source,
          device: req.device,
          ...(req.dtype ? { dtype: req.dtype } : {}),
          onProgress: (p) => emit({ type: 'progress', id: req.id, phase: 'download', ...p }),
        },
        await probeGpu(),
      ),
    );
    loadChain = pending.catch(() => undefined);
    models.set(req.modelKey, pending);
    try {
      const m = await pending;
      emit({
        type: 'loaded',
        id: req.id,
        modelKey: req.modelKey,
        device: m.device,
        dtype: m.dtype,
        info: m.info,
        ...(m.fallbackNote ? { fallbackNote: m.fallbackNote } : {}),
      });
    } catch (e) {
      // A failed load is forgotten so that the next load request retries it.
      if (models.get(req.modelKey) === pending) models.delete(req.modelKey);
      throw new RequestError('load-failed', message(e));
    }
  }

  function buildJobs(m: LoadedModel, req: ScoreRequest): ScoringJob[] {
    const prefix = req.options.addBos ? m.info.prefixTokenId : null;
    return req.items.map((item) => {
      const context =
        req.options.chatTemplate && item.context !== '' ? m.chatPrompt(item.context) : item.context;
      const seq = conditionalSequence(m.encode, context, item.continuation, prefix);
      return { key: item.key, ...seq, ...(item.detail ? { detail: true } : {}) };
    });
  }

  function toResult(m: LoadedModel, job: ScoringJob, s: SequenceScore): ItemResult {
    const r: ItemResult = { key: s.key, tokens: s.tokens, nllSum: s.nllSum };
    if (s.tokenNll) {
      const from = Math.max(1, job.firstScored);
      const pieces = tokenPieces(m.decode, job.tokens).slice(from);
      r.detail = { pieces, nll: s.tokenNll.slice(from - job.firstScored) };
    }
    return r;
  }

  async function score(req: ScoreRequest, emit: Emit): Promise<void> {
    validateScore(req);
    const entry = models.get(req.modelKey);
    if (!entry) throw new RequestError('not-loaded', `model '${req.modelKey}' is not loaded`);
    let m = await entry.catch((e: unknown) => {
      throw new RequestError('not-loaded', `model '${req.modelKey}' failed to load: ${message(e)}`);
    });
    const state = { cancelled: false };
    running.set(req.id, state);
    const started = performance.now();
    let jobs = buildJobs(m, req);
    const byKey = new Map(jobs.map((j) => [j.key, j]));
    const total = jobs.length;
    let itemsDone = 0;
    let tokensScored = 0;
    let fallbackNote: string | undefined;
    try {
      for (;;) {
        let seen = 0;
        try {
          const { stopped } = await scoreJobs(m.lm, jobs, req.options, {
            shouldStop: async () => {
              await yieldToEvents();
              return state.cancelled;
            },
            onBatch: (completed, p) => {
              itemsDone += completed.length;
              const done = new Set(completed.map((c) => c.key));
              jobs = jobs.filter((j) => !done.has(j.key));
              if (completed.length > 0) {
                const results = completed.map((s) => toResult(m, byKey.get(s.key) as ScoringJob, s));
                emit({
                  type: 'scored',
                  id: req.id,
                  results,
                  partial: true,
                  cancelled: false,
                  device: m.device,
                });
              }
              emit({
                type: 'progress',
                id: req.id,
                phase: 'score',
                itemsDone,
                itemsTotal: total,
                windowsDone: p.windowsDone,
                windowsTotal: p.windowsTotal,
                tokensScored: (tokensScored += p.tokensScored - seen),
                elapsedMs: performance.now() - started,
              });
              seen = p.tokensScored;
            },
          });
          emit({
            type: 'scored',
            id: req.id,
            results: [],
            partial: false,
            cancelled: stopped,
            device: m.device,
            ...(fallbackNote ? { fallbackNote } : {}),
          });
          return;
        } catch (e) {
          if (m.device !== 'webgpu') throw new RequestError('score-failed', message(e));
          // WebGPU failed mid-run: reload on WASM and score what is left.
          m = await m.reloadOnWasm();
          models.set(req.modelKey, Promise.resolve(m));
          fallbackNote = `WebGPU failed during scoring (${message(e).slice(0, 200)}); continued on WASM.`;
        }
      }
    } finally {
      running.delete(req.id);
    }
  }

  async function dispose(req: Extract<ModelRequest, { type: 'dispose' }>, emit: Emit): Promise<void> {
    const keys = req.modelKey ? [req.modelKey] : [...models.keys()];
    for (const k of keys) {
      const entry = models.get(k);
      models.delete(k);
      if (entry) await entry.then((m) => m.dispose()).catch(() => undefined);
    }
    emit({ type: 'disposed', id: req.id });
  }

  return {
    async handleRequest(req, emit) {
      try {
        switch (req.type) {
          case 'load':
            return await load(req, emit);
          case 'score':
            return await score(req, emit);
          case 'cancel': {
            const target = running.get(req.target);
            if (!target) throw new RequestError('bad-request', `no running request ${req.target} to cancel`);
            // The target's final 'scored' message (cancelled: true) answers this request.
            target.cancelled = true;
            return;
          }
          case 'dispose':
            return await dispose(req, emit);
          default: {
            const unknown: never = req;
            throw new RequestError('bad-request', `unknown request ${JSON.stringify(unknown)}`);
          }
        }
      } catch (e) {
        const code = e instanceof RequestError ? e.code : 'internal';
        const id = typeof (req as { id?: unknown }).id === 'number' ? req.id : -1;
        emit({ type: 'error', id, code, message: message(e) });
      }
    },
  };
}
