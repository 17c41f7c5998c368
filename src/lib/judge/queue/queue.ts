// The judge queue: a concurrency limit per provider that halves on 429 and grows back by one per answer
// (limiter.ts, JUDGE-NOTES §1.8); retries with full-jitter backoff on retryable failures, the waiting job holding
// no slot, so other jobs keep the slots busy; a content-addressed cache consulted before every call and written
// before the caller records the result, so a reload between the two still finds the answer; identical requests in
// one run share one call; a hard budget that never starts a call whose worst-case cost could cross it; cancel at
// any time.
import { isAbort } from '../../core/errors';
import { approxTokens, costOf, type Price } from '../cost';
import type { JudgeJob } from '../plan';
import { ProviderError } from '../providers/http';
import type { JudgeProvider } from '../providers/types';
import type { Completion, JudgeParams, Usage } from '../types';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import type { AnswerCache } from './cache';
import { ConcurrencyLimit } from './limiter';

/** The outcome of one job as the queue sees it. */
export type JobResult =
  | { kind: 'answer'; completion: Completion; fromCache: boolean; attempts: number }
  | { kind: 'failed'; error: string; status: number | null; attempts: number };

/** Live events for a progress display. */
export type QueueEvent =
  | { type: 'retry'; jobId: string; attempt: number; delayMs: number; error: string }
  | { type: 'spend'; usage: Usage; spentUsd: number | null }
  | { type: 'concurrency'; limit: number };

/** Options of a run. */
export interface QueueOptions {
  provider: JudgeProvider;
  params: JudgeParams;
  cache: AnswerCache;
  concurrency: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  now?: () => number;
  signal?: AbortSignal;
  /** Hard cap in USD; needs a price. `spentUsd` is what earlier sessions of this run already spent. */
  budget?: { limitUsd: number; spentUsd: number; price: Price };
  /** Price for the live spend meter when there is no budget. */
  price?: Price | null;
  /** Called once per job with its result, after the answer is in the cache. */
  onResult: (job: JudgeJob, result: JobResult) => Promise<void> | void;
  /**
   * Awaited just before each provider call with the jobs it answers, so the caller can record them as in flight:
   * after a reload, those are the calls the provider may have answered (and billed) without the answer arriving.
   */
  beforeCall?: (jobs: readonly JudgeJob[]) => Promise<void> | void;
  onEvent?: (e: QueueEvent) => void;
}

/** How a run ended. */
export interface QueueReport {
  /** Provider calls made (each attempt counts). */
  calls: number;
  cacheHits: number;
  answered: number;
  failed: number;
  retries: number;
  usage: Usage;
  spentUsd: number | null;
  stopped: 'done' | 'cancelled' | 'budget' | 'fatal';
  stopReason?: string;
  /** Jobs left without a result (cancelled, over budget, or after a fatal error). */
  remaining: number;
}

/** Worst-case cost of a call: its prompt (approx. tokens, with a 25% margin) and the full output allowance. */
export function worstCaseCost(job: JudgeJob, maxTokens: number, price: Price): number {
  const prompt = Math.ceil((approxTokens(job.systemPrompt) + approxTokens(job.user)) * 1.25) + 16;
  return costOf({ promptTokens: prompt, completionTokens: maxTokens }, price);
}

/** Runs the jobs; resolves when all are done or the run stopped. Never rejects for a provider failure. */
export async function runQueue(jobs: readonly JudgeJob[], opts: QueueOptions): Promise<QueueReport> {
  const policy = opts.backoff ?? DEFAULT_BACKOFF;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const price = opts.budget?.price ?? opts.price ?? null;
  const report: QueueReport = {
    calls: 0,
    cacheHits: 0,
    answered: 0,
    failed: 0,
    retries: 0,
    usage: { promptTokens: 0, completionTokens: 0 },
    spentUsd: price ? (opts.budget?.spentUsd ?? 0) : null,
    stopped: 'done',
    remaining: 0,
  };
  // Identical requests (same cache key) share one call; every job still gets its own result.
  const groups = new Map<string, JudgeJob[]>();
  for (const j of jobs) groups.set(j.cacheKey, [...(groups.get(j.cacheKey) ?? []), j]);
  const ready: { job: JudgeJob; attempt: number }[] = [...groups.values()].map((g) => ({
    job: g[0] as JudgeJob,
    attempt: 0,
  }));
  const delivered = new Set<string>();
  const limit = new ConcurrencyLimit(opts.concurrency);
  // Slots taken by provider calls (and the cache lookups just before them), and attempts not yet finished.
  let active = 0;
  let busy = 0;
  let reserved = 0;
  // Set when the next call does not fit beside the calls in flight: wait for them (their real cost is usually
  // far below the reservation) before deciding the budget is spent.
  let budgetBlocked = false;
  let stopped: QueueReport['stopped'] | null = null;
  // Jobs waiting out a backoff, as plain timers cleared when the run stops, so none outlives it (one abort
  // listener per wait on a shared signal piled up past Node's limit of 10 and printed a leak warning).
  const waits = new Set<ReturnType<typeof setTimeout>>();

  const stop = (why: QueueReport['stopped'], reason?: string) => {
    if (stopped) return;
    stopped = why;
    if (reason) report.stopReason = reason;
    for (const t of waits) clearTimeout(t);
    waits.clear();
    // With no call in flight nothing else would notice that the run is over.
    queueMicrotask(() => pump());
  };
  if (opts.signal?.aborted) stop('cancelled');
  opts.signal?.addEventListener('abort', () => stop('cancelled'), { once: true });

  const deliver = async (lead: JudgeJob, result: JobResult) => {
    for (const job of groups.get(lead.cacheKey) ?? [lead]) {
      delivered.add(job.id);
      if (result.kind === 'answer') report.answered++;
      else report.failed++;
      await opts.onResult(job, result);
    }
  };

  // `release` gives the provider slot back: once the call is over, so that writing the answer to the cache and the
  // caller's records (IndexedDB transactions in the page) overlaps the next call instead of holding up a slot.
  const attempt = async (job: JudgeJob, n: number, release: () => void): Promise<'requeue' | 'settled'> => {
    const hit = await opts.cache.get(job.cacheKey);
    if (hit) {
      report.cacheHits++;
      await deliver(job, { kind: 'answer', completion: hit.completion, fromCache: true, attempts: 0 });
      return 'settled';
    }
    let cost = 0;
    if (opts.budget) {
      cost = worstCaseCost(job, opts.params.maxTokens, opts.budget.price);
      if ((report.spentUsd ?? 0) + reserved + cost > opts.budget.limitUsd) {
        if (reserved > 0) budgetBlocked = true;
        else stop('budget', `Budget of $${opts.budget.limitUsd.toFixed(2)} reached`);
        return 'requeue';
      }
    }
    if (stopped) return 'requeue';
    reserved += cost;
    if (opts.beforeCall) {
      await opts.beforeCall(groups.get(job.cacheKey) ?? [job]);
      if (stopped) {
        reserved -= cost;
        return 'requeue';
      }
    }
    report.calls++;
    let calling = true;
    // The call's worst-case reservation ends with the call; its real spend is counted by then.
    const callOver = () => {
      if (!calling) return;
      calling = false;
      reserved -= cost;
      if (cost > 0) budgetBlocked = false;
      release();
    };
    try {
      const completion = await opts.provider.complete(
        {
          system: job.systemPrompt,
          user: job.user,
          params: opts.params,
          ...(job.schema ? { schema: job.schema } : {}),
        },
        opts.signal,
      );
      report.usage.promptTokens += completion.usage.promptTokens;
      report.usage.completionTokens += completion.usage.completionTokens;
      if (price && report.spentUsd !== null) report.spentUsd += costOf(completion.usage, price);
      opts.onEvent?.({ type: 'spend', usage: { ...report.usage }, spentUsd: report.spentUsd });
      const grown = limit.answered();
      if (grown !== null) opts.onEvent?.({ type: 'concurrency', limit: grown });
      callOver();
      // Cache first, then record: a reload in between finds the answer instead of calling again.
      await opts.cache.put(job.cacheKey, { completion, createdAt: now() });
      await deliver(job, { kind: 'answer', completion, fromCache: false, attempts: n + 1 });
      return 'settled';
    } catch (e) {
      callOver();
      if (opts.signal?.aborted || (isAbort(e) && !(e instanceof ProviderError))) return 'requeue';
      const pe = e instanceof ProviderError ? e : null;
      const message = e instanceof Error ? e.message : String(e);
      const cut = pe?.status === 429 ? limit.rateLimited(now()) : null;
      if (cut !== null) opts.onEvent?.({ type: 'concurrency', limit: cut });
      if (pe?.fatal) stop('fatal', message);
      if (pe?.retryable && n + 1 < policy.maxAttempts && !stopped) {
        const delayMs = backoffDelay(n, policy, random, pe.retryAfterMs);
        report.retries++;
        opts.onEvent?.({ type: 'retry', jobId: job.id, attempt: n + 1, delayMs, error: message });
        const t = setTimeout(() => {
          waits.delete(t);
          // First in line: a retried job has waited already, and finishing it early shortens the run's tail.
          ready.unshift({ job, attempt: n + 1 });
          pump();
        }, delayMs);
        waits.add(t);
        return 'settled';
      }
      await deliver(job, { kind: 'failed', error: message, status: pe?.status ?? null, attempts: n + 1 });
      return 'settled';
    } finally {
      callOver();
    }
  };

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const pump = () => {
    if (budgetBlocked && reserved === 0) budgetBlocked = false;
    while (!stopped && !budgetBlocked && active < limit.value && ready.length > 0) {
      const next = ready.shift();
      if (!next) break;
      active++;
      busy++;
      let holds = true;
      const release = () => {
        if (!holds) return;
        holds = false;
        active--;
        pump();
      };
      attempt(next.job, next.attempt, release)
        .then(
          (r) => {
            if (r === 'requeue') ready.unshift(next);
          },
          (e: unknown) => {
            // The caller's onResult or the cache failed (storage full): stop rather than lose results.
            stop('fatal', e instanceof Error ? e.message : String(e));
            ready.unshift(next);
          },
        )
        .finally(() => {
          busy--;
          if (holds) release();
          else pump();
        });
    }
    if (busy === 0 && (waits.size === 0 || stopped) && (ready.length === 0 || stopped)) finish();
  };
  pump();
  await finished;
  report.stopped = (stopped as QueueReport['stopped'] | null) ?? 'done';
  report.remaining = jobs.filter((j) => !delivered.has(j.id)).length;
  return report;
}
