// What a judge run stores before its first call: the run record, one pending judgment per planned job, and the
// deterministic re-plan used to resume. Plain functions (no Svelte, no Dexie) shared by the runner and the page.
import type { JudgeRunRecord, JudgmentRecord, RubricRecord, RowRecord } from '../db/records';
import type { Price } from '../judge/cost';
import { planJobs, type JudgeJob, type JudgeSpec } from '../judge/plan';
import type { JudgeParams, ProviderKind } from '../judge/types';

/** What a run needs beyond the rubric. */
export interface RunRequest {
  projectId: string;
  datasetId: string;
  rubric: RubricRecord;
  judge: JudgeSpec;
  systems: string[];
  repeats: number;
  bothOrders: boolean;
  concurrency: number;
  /** Restrict to these rows (a "try" on a handful); all rows when absent. */
  rowIds?: string[];
  budgetUsd: number | null;
  price: Price | null;
  purpose: 'try' | 'full';
}

/** The run's judge spec, rebuilt from its record. */
export function specOf(run: JudgeRunRecord): JudgeSpec {
  const p = run.params;
  const params: JudgeParams = {
    temperature: typeof p.temperature === 'number' ? p.temperature : 0,
    maxTokens: typeof p.maxTokens === 'number' ? p.maxTokens : 1024,
    logprobs: p.logprobs === true,
    structured: p.structured === true,
  };
  return {
    provider: run.provider as ProviderKind,
    baseUrl: typeof p.baseUrl === 'string' ? p.baseUrl : '',
    model: run.model,
    params,
  };
}

/** Re-plans a run's jobs (deterministic from the rows, rubric and settings). */
export function jobsOf(run: JudgeRunRecord, rubric: RubricRecord, rows: readonly RowRecord[]): JudgeJob[] {
  const ids = Array.isArray(run.params.rowIds) ? new Set(run.params.rowIds as string[]) : null;
  const picked = ids ? rows.filter((r) => ids.has(r.id)) : rows;
  const repeats = typeof run.params.repeats === 'number' ? run.params.repeats : 1;
  return planJobs(picked, rubric, specOf(run), {
    systems: run.systems,
    repeats,
    bothOrders: run.params.bothOrders !== false,
  }).jobs;
}

/** The stored id of a run's judgment of one job. */
export const judgmentId = (runId: string, jobId: string) => `${runId}|${jobId}`;

/** Plans a new run's jobs over the requested rows. */
export function planRequest(req: RunRequest, rows: readonly RowRecord[]): JudgeJob[] {
  const picked = req.rowIds ? rows.filter((r) => req.rowIds?.includes(r.id)) : rows;
  return planJobs(picked, req.rubric, req.judge, {
    systems: req.systems,
    repeats: req.repeats,
    bothOrders: req.bothOrders,
  }).jobs;
}

/** The record of a new run: its settings, with everything needed to re-plan and resume it. */
export function newRunRecord(req: RunRequest, id: string, now: number): JudgeRunRecord {
  return {
    id,
    projectId: req.projectId,
    datasetId: req.datasetId,
    rubricId: req.rubric.id,
    provider: req.judge.provider,
    model: req.judge.model,
    params: {
      ...req.judge.params,
      baseUrl: req.judge.baseUrl,
      repeats: req.repeats,
      bothOrders: req.bothOrders,
      concurrency: req.concurrency,
      budgetUsd: req.budgetUsd,
      purpose: req.purpose,
      rubricVersion: req.rubric.version,
      ...(req.rowIds ? { rowIds: req.rowIds } : {}),
      ...(req.price ? { price: req.price } : {}),
    },
    mode: req.rubric.mode,
    systems: req.systems,
    status: 'running',
    createdAt: now,
    updatedAt: now,
  };
}

/** One pending judgment per planned job, persisted before the first call so a reload can resume. */
export function pendingJudgments(runId: string, jobs: readonly JudgeJob[], now: number): JudgmentRecord[] {
  return jobs.map((j) => ({
    id: judgmentId(runId, j.id),
    runId,
    rowId: j.rowId,
    cacheKey: j.cacheKey,
    ...(j.system !== undefined ? { system: j.system } : {}),
    ...(j.order !== undefined ? { order: j.order } : {}),
    repeat: j.repeat,
    status: 'pending',
    updatedAt: now,
  }));
}
