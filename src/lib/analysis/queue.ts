// The analysis worker's message loop: requests queue up and run one at a time, each in its own task, so a cancel that
// arrives while one runs can still drop the queued ones behind it (a slice changed three times quickly computes
// the first and the last, not all three). Pure: the worker passes postMessage and setTimeout; tests pass their own.
import { handleBundleOpen } from './bundle-write';
import { createAnalysisState, handleRequest, type AnalysisState } from './handler';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

/** The loop's entry point: every message the worker receives. */
export interface AnalysisQueue {
  push(message: AnalysisRequest): void;
  /** Requests waiting (not yet started). */
  readonly waiting: number;
}

/**
 * A queue that answers through `post`, running each request in a task of its own (`schedule`, e.g. setTimeout 0),
 * so messages that arrived meanwhile (cancels) are seen before the next request starts.
 */
export function createAnalysisQueue(
  post: (message: AnalysisResponse) => void,
  schedule: (run: () => void) => void,
  state: AnalysisState = createAnalysisState(),
): AnalysisQueue {
  const queue: Exclude<AnalysisRequest, { type: 'cancel' }>[] = [];
  let scheduled = false;
  // An asynchronous request (the database write of `bundle-open`) holds the queue until it is answered, so requests
  // still run one at a time and in order.
  let running = false;
  const kick = () => {
    if (scheduled || running || queue.length === 0) return;
    scheduled = true;
    schedule(step);
  };
  function step(): void {
    scheduled = false;
    const req = queue.shift();
    if (req?.type === 'bundle-open') {
      running = true;
      void handleBundleOpen(req, state).then((answer) => {
        running = false;
        post(answer);
        kick();
      });
      return;
    }
    if (req) post(handleRequest(req, state));
    kick();
  }
  return {
    push(message) {
      if (message.type === 'cancel') {
        const i = queue.findIndex((q) => q.id === message.target);
        const [dropped] = i >= 0 ? queue.splice(i, 1) : [];
        if (dropped) post({ type: 'cancelled', id: dropped.id });
        return;
      }
      queue.push(message);
      kick();
    },
    get waiting() {
      return queue.length;
    },
  };
}
