// Runs judge jobs for the page: persists the plan as pending judgments before the first call, records each answer
// (cache first, then the judgment), and resumes after a reload from the judgments still pending — so answered calls
// are never repeated. "Retry failed only" and "re-ask unparsed" re-run just those judgments.
import { isAbort } from '../core/errors';
import { getDb } from '../db/instance';
import type { JudgeRunRecord, JudgmentRecord, RubricRecord, RowRecord } from '../db/records';
import { costOf, type Price } from '../judge/cost';
import { interpret, reaskJob, type JudgeJob } from '../judge/plan';
import { createProvider, scrubKey } from '../judge/providers/index';
import { runQueue, type JobResult, type QueueReport } from '../judge/queue/queue';
import { keys } from './judge-key.svelte';
import {
  jobsOf,
  judgmentId,
  newRunRecord,
  pendingJudgments,
  planRequest,
  specOf,
  type RunRequest,
} from './judge-run-plan';
import {
  DexieAnswerCache,
  createRun,
  markInFlight,
  putJudgment,
  runJudgments,
  setRunStatus,
} from './judge-store.svelte';

/** What becomes of the calls that were in flight when the page closed. */
export type InFlightChoice = 'resend' | 'skip';

/** The error a skipped in-flight judgment keeps ("Retry failed only" sends it again). */
export const SKIPPED_IN_FLIGHT =
  'Skipped on resume: this call was in flight when the page closed, so the provider may have answered and billed it already.';

/** Live figures of the run in progress. */
export interface LiveStatus {
  runId: string;
  total: number;
  finished: number;
  calls: number;
  cacheHits: number;
  retries: number;
  spentUsd: number | null;
  promptTokens: number;
  completionTokens: number;
  message: string;
}

/** Orchestrates judge runs; one at a time. */
export class JudgeRunner {
  #live = $state<LiveStatus | null>(null);
  #running = $state(false);
  #error = $state<string | null>(null);
  #controller: AbortController | null = null;
  /** Called after each recorded judgment and at the end (the page refreshes its results). */
  onChange: () => void = () => undefined;

  get live(): LiveStatus | null {
    return this.#live;
  }
  get running(): boolean {
    return this.#running;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Plans, persists and runs a new judge run. */
  async start(req: RunRequest, rows: readonly RowRecord[]): Promise<string | null> {
    if (this.#running) return null;
    const jobs = planRequest(req, rows);
    const now = Date.now();
    const run = newRunRecord(req, `judge-${crypto.randomUUID()}`, now);
    const pending = pendingJudgments(run.id, jobs, now);
    await createRun(getDb(), run, pending);
    await this.#execute(run, req.rubric, jobs, pending);
    return run.id;
  }

  /**
   * Continues a run from its pending judgments (after a reload or a cancel). Those marked in flight (sent, no answer
   * recorded) are sent again, or with `skip` recorded as failed without a call.
   */
  async resume(
    run: JudgeRunRecord,
    rubric: RubricRecord,
    rows: readonly RowRecord[],
    inFlight: InFlightChoice = 'resend',
  ): Promise<void> {
    if (this.#running) return;
    if (inFlight === 'skip') {
      const db = getDb();
      const now = Date.now();
      for (const j of await runJudgments(db, run.id)) {
        if (j.status !== 'pending' || j.inFlightAt === undefined) continue;
        const { inFlightAt: _sent, ...rest } = j;
        await putJudgment(db, { ...rest, status: 'failed', error: SKIPPED_IN_FLIGHT, updatedAt: now });
      }
    }
    await this.#rerun(run, rubric, rows, (j) => j.status === 'pending');
  }

  /** Runs again only the judgments that failed. */
  async retryFailed(run: JudgeRunRecord, rubric: RubricRecord, rows: readonly RowRecord[]): Promise<void> {
    await this.#rerun(run, rubric, rows, (j) => j.status === 'failed');
  }

  /** Re-asks the unparsed answers with a format reminder (a new request, so not the cached answer). */
  async reaskUnparsed(run: JudgeRunRecord, rubric: RubricRecord, rows: readonly RowRecord[]): Promise<void> {
    await this.#rerun(run, rubric, rows, (j) => j.status === 'unparsed', true);
  }

  /** Stops the run; unanswered judgments stay pending for a later resume. */
  cancel(): void {
    this.#controller?.abort();
  }

  async #rerun(
    run: JudgeRunRecord,
    rubric: RubricRecord,
    rows: readonly RowRecord[],
    pick: (j: JudgmentRecord) => boolean,
    reask = false,
  ): Promise<void> {
    if (this.#running) return;
    const db = getDb();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const judgments = new Map((await runJudgments(db, run.id)).map((j) => [j.id, j]));
    const spec = specOf(run);
    const jobs: JudgeJob[] = [];
    const records: JudgmentRecord[] = [];
    for (const job of jobsOf(run, rubric, rows)) {
      const rec = judgments.get(judgmentId(run.id, job.id));
      if (!rec || !pick(rec)) continue;
      const times = (rec.reasked ?? 0) + (reask ? 1 : 0);
      const j = reaskJob(job, times, spec);
      const next: JudgmentRecord = {
        ...rec,
        status: 'pending',
        cacheKey: j.cacheKey,
        reasked: times,
        updatedAt: Date.now(),
      };
      if (reask || rec.status !== 'pending') await putJudgment(db, next);
      jobs.push(j);
      records.push(next);
    }
    await setRunStatus(db, run.id, 'running');
    await this.#execute(run, rubric, jobs, records);
  }

  async #execute(
    run: JudgeRunRecord,
    rubric: RubricRecord,
    jobs: JudgeJob[],
    records: JudgmentRecord[],
  ): Promise<void> {
    const db = getDb();
    const spec = specOf(run);
    // Only a key entered for this run's own origin is ever sent (judge-key binds each key to one origin).
    const key = keys.keyFor(spec.provider, spec.baseUrl);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const byJob = new Map(records.map((r) => [r.id, r]));
    const price = (run.params.price as Price | undefined) ?? null;
    const budget = typeof run.params.budgetUsd === 'number' && price ? run.params.budgetUsd : null;
    // Spend already recorded by this run (earlier sessions) counts against the budget.
    const spentBefore = price
      ? (await runJudgments(db, run.id)).reduce((s, j) => s + (j.usage ? costOf(j.usage, price) : 0), 0)
      : null;
    const scale = rubric.scale ?? { min: 1, max: 5 };
    this.#controller = new AbortController();
    this.#running = true;
    this.#error = null;
    this.#live = {
      runId: run.id,
      total: jobs.length,
      finished: 0,
      calls: 0,
      cacheHits: 0,
      retries: 0,
      spentUsd: spentBefore,
      promptTokens: 0,
      completionTokens: 0,
      message: 'Running…',
    };
    const record = async (job: JudgeJob, r: JobResult) => {
      const prev = byJob.get(judgmentId(run.id, job.id));
      if (!prev) return;
      const next: JudgmentRecord = { ...prev, cacheKey: job.cacheKey, updatedAt: Date.now() };
      delete next.score;
      delete next.verdict;
      delete next.weighted;
      delete next.error;
      delete next.inFlightAt;
      if (r.kind === 'failed') {
        next.status = 'failed';
        next.error = scrubKey(r.error, key);
      } else {
        const o = interpret(r.completion, run.mode, scale);
        next.status = o.status;
        next.raw = r.completion.text;
        if (o.score !== undefined) next.score = o.score;
        if (o.verdict !== undefined) next.verdict = o.verdict;
        if (o.weighted) next.weighted = o.weighted.weighted;
        if (o.reason) next.error = o.reason;
        // Usage is recorded only for real calls, so spend is never counted twice.
        if (!r.fromCache) next.usage = r.completion.usage;
      }
      await putJudgment(db, next);
      if (this.#live) this.#live.finished++;
      this.onChange();
    };
    let report: QueueReport | null = null;
    try {
      report = await runQueue(jobs, {
        provider: createProvider({
          kind: spec.provider,
          baseUrl: spec.baseUrl,
          model: spec.model,
          apiKey: key,
        }),
        params: spec.params,
        cache: new DexieAnswerCache(db),
        concurrency: typeof run.params.concurrency === 'number' ? run.params.concurrency : 4,
        signal: this.#controller.signal,
        ...(budget !== null && price
          ? { budget: { limitUsd: budget, spentUsd: spentBefore ?? 0, price } }
          : {}),
        price,
        onResult: record,
        // Persisted before the call, cleared with the answer: a reload in between knows what may be paid twice.
        beforeCall: (calling) =>
          markInFlight(
            db,
            calling.map((j) => judgmentId(run.id, j.id)),
            Date.now(),
          ),
        onEvent: (e) => {
          const live = this.#live;
          if (!live) return;
          if (e.type === 'spend') {
            live.spentUsd = e.spentUsd;
            live.promptTokens = e.usage.promptTokens;
            live.completionTokens = e.usage.completionTokens;
            live.calls++;
          } else if (e.type === 'retry') {
            live.retries++;
            live.message = `Retrying after: ${scrubKey(e.error, key)}`;
          }
        },
      });
    } catch (e) {
      if (!isAbort(e)) this.#error = scrubKey(e instanceof Error ? e.message : String(e), key);
    } finally {
      const status: JudgeRunRecord['status'] =
        report === null
          ? 'error'
          : report.stopped === 'done'
            ? 'done'
            : report.stopped === 'fatal'
              ? 'error'
              : 'paused';
      await setRunStatus(db, run.id, status);
      if (report && this.#live) {
        this.#live.calls = report.calls;
        this.#live.cacheHits = report.cacheHits;
        this.#live.message =
          report.stopped === 'done'
            ? `Finished: ${report.calls} calls, ${report.cacheHits} from cache.`
            : report.stopped === 'cancelled'
              ? `Cancelled: ${report.remaining} left to do. Resume continues where it stopped.`
              : report.stopped === 'budget'
                ? `Stopped at the budget cap: ${report.remaining} left to do.`
                : `Stopped: ${scrubKey(report.stopReason ?? 'error', key)}`;
        if (report.stopped === 'fatal') this.#error = scrubKey(report.stopReason ?? 'error', key);
      }
      this.#running = false;
      this.#controller = null;
      this.onChange();
    }
  }
}

export const runner = new JudgeRunner();
