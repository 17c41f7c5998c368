// Main-thread side of the model worker: typed requests with ids, promises for their terminal answers, and events
// for progress and partial results. The worker is created on first use; a crashed worker fails every pending
// request and is replaced on the next call.
import type {
  DevicePreference,
  Dtype,
  ErrorMessage,
  LoadedMessage,
  ModelResponse,
  ModelSource,
  ProgressMessage,
  ScoreItem,
  ScoreOptions,
  ScoredMessage,
} from './protocol';
import { MODELS_NAME_PREFIX } from './worker-name';

/** A failed request, with the worker's error code. */
export class ModelError extends Error {
  constructor(
    readonly code: ErrorMessage['code'] | 'worker-crashed',
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

interface Pending {
  onMessage: (m: ModelResponse) => void;
  fail: (e: ModelError) => void;
}

/** Creates the module worker (overridable for tests). */
export function createModelWorker(modelsPath: string): Worker {
  return new Worker(new URL('./model.worker.ts', import.meta.url), {
    type: 'module',
    name: `${MODELS_NAME_PREFIX}${modelsPath}`,
  });
}

/** Talks to one model worker. */
export class ModelClient {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #create: () => Worker;

  constructor(create: () => Worker) {
    this.#create = create;
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const w = this.#create();
    w.onmessage = (e: MessageEvent<ModelResponse>) => this.#pending.get(e.data.id)?.onMessage(e.data);
    w.onerror = (e) => {
      const err = new ModelError('worker-crashed', `model worker failed: ${e.message || 'unknown error'}`);
      for (const p of this.#pending.values()) p.fail(err);
      this.#pending.clear();
      w.terminate();
      this.#worker = null;
    };
    this.#worker = w;
    return w;
  }

  #send<T>(
    build: (id: number) => Parameters<Worker['postMessage']>[0],
    handle: (m: ModelResponse, settle: (v: T) => void) => void,
  ): { id: number; done: Promise<T> } {
    const worker = this.#ensure();
    const id = this.#nextId++;
    const done = new Promise<T>((resolve, reject) => {
      const finish = () => this.#pending.delete(id);
      this.#pending.set(id, {
        onMessage: (m) => {
          if (m.type === 'error') {
            finish();
            reject(new ModelError(m.code, m.message));
            return;
          }
          handle(m, (v) => {
            finish();
            resolve(v);
          });
        },
        fail: reject,
      });
    });
    worker.postMessage(build(id));
    return { id, done };
  }

  /** Loads a model under `modelKey`; `onProgress` gets per-file download progress. */
  load(
    modelKey: string,
    source: ModelSource,
    device: DevicePreference,
    dtype: Dtype | undefined,
    onProgress?: (p: Extract<ProgressMessage, { phase: 'download' }>) => void,
  ): Promise<LoadedMessage> {
    return this.#send<LoadedMessage>(
      (id) => ({ type: 'load', id, modelKey, source, device, ...(dtype ? { dtype } : {}) }),
      (m, settle) => {
        if (m.type === 'progress' && m.phase === 'download') onProgress?.(m);
        if (m.type === 'loaded') settle(m);
      },
    ).done;
  }

  /** Scores items; partial results and progress arrive through `onEvent`. Returns the request id (for cancel). */
  score(
    modelKey: string,
    items: ScoreItem[],
    options: ScoreOptions,
    onEvent: (m: ScoredMessage | Extract<ProgressMessage, { phase: 'score' }>) => void,
  ): { id: number; done: Promise<ScoredMessage> } {
    return this.#send<ScoredMessage>(
      (id) => ({ type: 'score', id, modelKey, items, options }),
      (m, settle) => {
        if (m.type === 'scored' || (m.type === 'progress' && m.phase === 'score')) onEvent(m);
        if (m.type === 'scored' && !m.partial) settle(m);
      },
    );
  }

  /** Asks the worker to stop a score request between batches; its promise then resolves with cancelled: true. */
  cancel(target: number): void {
    if (!this.#worker || !this.#pending.has(target)) return;
    this.#worker.postMessage({ type: 'cancel', id: this.#nextId++, target });
  }

  /** Frees loaded models (all when no key is given). */
  async dispose(modelKey?: string): Promise<void> {
    if (!this.#worker) return;
    await this.#send<void>(
      (id) => ({ type: 'dispose', id, ...(modelKey ? { modelKey } : {}) }),
      (m, settle) => {
        if (m.type === 'disposed') settle(undefined);
      },
    ).done;
  }

  /** Ends the worker. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const p of this.#pending.values()) p.fail(new ModelError('worker-crashed', 'model worker stopped'));
    this.#pending.clear();
  }
}
