// Page side of the analysis worker: one lazily started worker, a promise per request id, and channels: a new request
// on a channel supersedes the one still pending there (its promise rejects with AbortError, the worker drops it if
// it has not started), so only the latest slice or filter is ever shown.
import { AbortError, YardstickError } from '../core/errors';
import type { AnalysisAnswer, AnalysisBody, AnalysisRequest, AnalysisResponse } from '../analysis/protocol';

/** What the client needs of a worker: a module Worker in the app, a MessagePort around the handler in tests. */
export interface WorkerLike {
  postMessage(message: AnalysisRequest, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<AnalysisResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Pending {
  type: AnalysisBody['type'];
  channel: string | undefined;
  resolve: (r: AnalysisResponse) => void;
  reject: (e: unknown) => void;
}

function spawnWorker(): WorkerLike {
  return new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' });
}

/** A client of one analysis worker, started on the first request. */
export class AnalysisClient {
  readonly #spawn: () => WorkerLike;
  #worker: WorkerLike | null = null;
  #generation = 0;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #channels = new Map<string, number>();

  constructor(spawn: () => WorkerLike = spawnWorker) {
    this.#spawn = spawn;
  }

  /** Which worker the next request goes to; it changes when a crashed worker is replaced (state must be resent). */
  get generation(): number {
    this.#ensure();
    return this.#generation;
  }

  /** Requests waiting for an answer. */
  get pending(): number {
    return this.#pending.size;
  }

  #ensure(): WorkerLike {
    if (this.#worker) return this.#worker;
    const w = this.#spawn();
    w.onmessage = (e) => this.#receive(e.data);
    w.onerror = (e) => {
      // A crashed worker answers nothing more: fail what is pending and start a fresh one on the next request.
      const error = new YardstickError('worker-crashed', e.message || 'The analysis worker failed.');
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
      this.#channels.clear();
      if (this.#worker === w) this.#worker = null;
      w.terminate();
    };
    this.#worker = w;
    this.#generation++;
    return w;
  }

  #settle(id: number): Pending | undefined {
    const p = this.#pending.get(id);
    if (!p) return undefined;
    this.#pending.delete(id);
    if (p.channel !== undefined && this.#channels.get(p.channel) === id) this.#channels.delete(p.channel);
    return p;
  }

  #receive(msg: AnalysisResponse): void {
    const p = this.#settle(msg.id);
    if (!p) return; // superseded: its promise has already been rejected
    if (msg.type === 'cancelled') p.reject(new AbortError());
    else if (msg.type === 'error') p.reject(new YardstickError(msg.code, msg.message));
    else if (msg.type !== p.type)
      p.reject(new YardstickError('bad-answer', `Asked for ${p.type}, the worker answered ${msg.type}.`));
    else p.resolve(msg);
  }

  /**
   * Sends a request; resolves with its answer. With a `channel`, a request still pending on that channel is
   * superseded: it rejects with AbortError and the worker drops it unless it has already started. `transfer` lists
   * buffers handed to the worker instead of copied (they are unusable here afterwards).
   */
  request<B extends AnalysisBody>(
    body: B,
    channel?: string,
    transfer: Transferable[] = [],
  ): Promise<AnalysisAnswer<B['type']>> {
    const worker = this.#ensure();
    if (channel !== undefined) this.cancel(channel);
    const id = this.#nextId++;
    const done = new Promise<AnalysisResponse>((resolve, reject) => {
      this.#pending.set(id, { type: body.type, channel, resolve, reject });
    });
    if (channel !== undefined) this.#channels.set(channel, id);
    worker.postMessage({ ...body, id } as AnalysisRequest, transfer);
    // #receive resolves only with an answer whose type is the request's own.
    return done as Promise<AnalysisAnswer<B['type']>>;
  }

  /** Cancels the request pending on a channel, if any (its promise rejects with AbortError). */
  cancel(channel: string): void {
    const target = this.#channels.get(channel);
    if (target === undefined) return;
    this.#settle(target)?.reject(new AbortError());
    this.#worker?.postMessage({ type: 'cancel', id: this.#nextId++, target });
  }

  /** Stops the worker; pending requests reject with AbortError. */
  dispose(): void {
    for (const p of this.#pending.values()) p.reject(new AbortError());
    this.#pending.clear();
    this.#channels.clear();
    this.#worker?.terminate();
    this.#worker = null;
  }
}

/** The app's analysis worker client. */
export const analysis = new AnalysisClient();
