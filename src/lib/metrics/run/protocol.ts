// The metrics worker's typed message protocol and its handler, a plain function unit-tested without a Worker.
import { assertNever, isAbort, YardstickError } from '../../core/errors';
import { comparePair, type CompareJob } from './paired';
import { runJob, type CancelFlag } from './runner';
import type { MetricJob, MetricResult, PairedResult } from './types';

/** Main thread → worker. Every request carries an id; a cancel names the request to stop. */
export type MetricsRequest =
  | { type: 'score'; id: string; job: MetricJob }
  | { type: 'compare'; id: string; job: CompareJob }
  | { type: 'cancel'; id: string };

/** Worker → main thread. Every request gets exactly one final answer: scored, compared, cancelled or error. */
export type MetricsResponse =
  | { type: 'progress'; id: string; done: number; total: number; phase: string }
  | { type: 'scored'; id: string; results: MetricResult[] }
  | { type: 'compared'; id: string; results: PairedResult[] }
  | { type: 'cancelled'; id: string }
  | { type: 'error'; id: string; code: string; message: string };

/** Per-worker state: the cancel flags of requests in flight, and how to post and yield. */
export interface HandlerContext {
  post(message: MetricsResponse): void;
  yieldNow?: () => Promise<void>;
  flags: Map<string, { aborted: boolean }>;
}

/** A fresh context. */
export function createContext(
  post: (m: MetricsResponse) => void,
  yieldNow?: () => Promise<void>,
): HandlerContext {
  return yieldNow ? { post, yieldNow, flags: new Map() } : { post, flags: new Map() };
}

/** Handles one request; never throws (failures become an `error` answer). */
export async function handleRequest(req: MetricsRequest, ctx: HandlerContext): Promise<void> {
  if (req.type === 'cancel') {
    const flag = ctx.flags.get(req.id);
    if (flag) flag.aborted = true;
    return;
  }
  const flag = { aborted: false };
  ctx.flags.set(req.id, flag);
  const signal: CancelFlag = flag;
  const hooks = {
    signal,
    onProgress: (done: number, total: number, phase: string) =>
      ctx.post({ type: 'progress', id: req.id, done, total, phase }),
    ...(ctx.yieldNow ? { yieldNow: ctx.yieldNow } : {}),
  };
  try {
    switch (req.type) {
      case 'score':
        ctx.post({ type: 'scored', id: req.id, results: await runJob(req.job, hooks) });
        break;
      case 'compare':
        ctx.post({ type: 'compared', id: req.id, results: await comparePair(req.job, hooks) });
        break;
      default:
        assertNever(req);
    }
  } catch (e) {
    if (isAbort(e)) ctx.post({ type: 'cancelled', id: req.id });
    else {
      const code = e instanceof YardstickError ? e.code : 'metric-failed';
      ctx.post({ type: 'error', id: req.id, code, message: e instanceof Error ? e.message : String(e) });
    }
  } finally {
    ctx.flags.delete(req.id);
  }
}
