// Page side of the import worker: one lazily started worker, request ids, progress callbacks, cancellation.
import { AbortError, YardstickError } from '../core/errors';
import type { ImportProgress } from '../dataset-import/pipeline';
import type { WorkerRequest, WorkerResponse } from '../dataset-import/protocol';

type Final = Exclude<WorkerResponse, { type: 'progress' } | { type: 'error' } | { type: 'cancelled' }>;
type Body = WorkerRequest extends infer R ? (R extends { type: 'cancel' } ? never : Omit<R, 'id'>) : never;

interface Pending {
  resolve: (r: Final) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: ImportProgress) => void;
}

/** A running request: its id (for cancel) and its final answer. */
export interface Running {
  id: number;
  done: Promise<Final>;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    pending.delete(msg.id);
    if (msg.type === 'cancelled') p.reject(new AbortError());
    else if (msg.type === 'error') p.reject(new YardstickError(msg.code, msg.message));
    else p.resolve(msg);
  };
  w.onerror = (e) => {
    // A crashed worker answers nothing more: fail everything pending and start a fresh one next time.
    for (const p of pending.values())
      p.reject(new YardstickError('worker-crashed', e.message || 'Import worker failed'));
    pending.clear();
    worker = null;
    w.terminate();
  };
  worker = w;
  return w;
}

/** Sends a request to the import worker. */
export function send(body: Body, onProgress?: (p: ImportProgress) => void): Running {
  const id = nextId++;
  const done = new Promise<Final>((resolve, reject) => {
    pending.set(id, onProgress ? { resolve, reject, onProgress } : { resolve, reject });
  });
  getWorker().postMessage({ ...body, id } as WorkerRequest);
  return { id, done };
}

/** Asks the worker to stop request `target`; its promise then rejects with AbortError once cleanup is done. */
export function cancel(target: number): void {
  worker?.postMessage({ type: 'cancel', id: nextId++, target } satisfies WorkerRequest);
}
