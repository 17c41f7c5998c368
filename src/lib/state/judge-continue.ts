// What the page tells the user before it continues a judge run (resume, retry failed, re-ask unparsed): where the
// calls go, whether that endpoint came from a bundle, whether a key is held for its origin, and — for a resume —
// how many calls were in flight when the page closed (sent, no answer recorded, so possibly billed already), with
// the cost of re-sending or skipping them. Plain functions (no Svelte, no Dexie).
import type { JudgeRunRecord, JudgmentRecord, RubricRecord, RowRecord } from '../db/records';
import { approxTokens, estimateRun, type Estimate, type Price } from '../judge/cost';
import { endpointOf } from '../judge/providers/types';
import type { ProviderKind } from '../judge/types';
import { jobsOf, judgmentId, specOf } from './judge-run-plan';

/** Which continuation. */
export type ContinueKind = 'resume' | 'retry-failed' | 'reask';

/** A continuation waiting for the user's choice. */
export interface ContinuePlan {
  what: ContinueKind;
  runId: string;
  provider: ProviderKind;
  /** The endpoint the calls go to (the run's base URL, or the provider's default). */
  endpoint: string;
  model: string;
  /** The run came from a bundle: its endpoint was chosen by the bundle's author. */
  imported: boolean;
  /** Calls this continuation would send. */
  calls: number;
  /** Of those, how many were in flight when the page closed and have no answer in the cache: maybe paid twice. */
  inFlight: number;
  /** Estimate of sending every call, in-flight ones included. */
  estimateAll: Estimate;
  /** Estimate when the in-flight calls are skipped. */
  estimateSkip: Estimate;
  /** Estimate of the in-flight calls alone: what paying them twice would cost. */
  estimateInFlight: Estimate;
}

const picks: Record<ContinueKind, (j: JudgmentRecord) => boolean> = {
  resume: (j) => j.status === 'pending',
  'retry-failed': (j) => j.status === 'failed',
  reask: (j) => j.status === 'unparsed',
};

/** The plan of a continuation; `cached` holds the cache keys that already have an answer. */
export function continuePlan(
  what: ContinueKind,
  run: JudgeRunRecord,
  rubric: RubricRecord,
  rows: readonly RowRecord[],
  judgments: readonly JudgmentRecord[],
  cached: ReadonlySet<string>,
  countTokens: (t: string) => number = approxTokens,
): ContinuePlan {
  const spec = specOf(run);
  const byId = new Map(judgments.map((j) => [j.id, j]));
  const jobs = jobsOf(run, rubric, rows).filter((job) => {
    const j = byId.get(judgmentId(run.id, job.id));
    return j !== undefined && picks[what](j);
  });
  // A cached answer is replayed, not paid again; only the rest may be billed twice.
  const isInFlight = (jobId: string) => {
    const j = byId.get(judgmentId(run.id, jobId));
    return what === 'resume' && j?.inFlightAt !== undefined && !cached.has(j.cacheKey);
  };
  const inFlightJobs = jobs.filter((j) => isInFlight(j.id));
  const skipJobs = jobs.filter((j) => !isInFlight(j.id));
  const price = (run.params.price as Price | undefined) ?? null;
  const outTokens = Math.min(spec.params.maxTokens, 300);
  const est = (list: typeof jobs) =>
    estimateRun(
      list.filter((j) => !cached.has(j.cacheKey)).map((j) => ({ system: j.systemPrompt, user: j.user })),
      outTokens,
      price,
      countTokens,
    );
  return {
    what,
    runId: run.id,
    provider: spec.provider,
    endpoint: endpointOf({ kind: spec.provider, baseUrl: spec.baseUrl }),
    model: spec.model,
    imported: run.importedAt !== undefined,
    calls: jobs.length,
    inFlight: inFlightJobs.length,
    estimateAll: est(jobs),
    estimateSkip: est(skipJobs),
    estimateInFlight: est(inFlightJobs),
  };
}

/** Whether the plan can go ahead without asking (the user's own run, nothing possibly paid twice). */
export function needsConfirmation(plan: ContinuePlan): boolean {
  return plan.imported || plan.inFlight > 0;
}
