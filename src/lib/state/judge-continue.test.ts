import { describe, expect, it } from 'vitest';
import type { JudgmentRecord, RowRecord, RubricRecord } from '../db/records';
import { continuePlan, needsConfirmation } from './judge-continue';
import { jobsOf, newRunRecord, pendingJudgments } from './judge-run-plan';

const rows: RowRecord[] = Array.from({ length: 5 }, (_, i) => ({
  id: `r${i}`,
  idx: i,
  prompt: `Prompt number ${i}`,
  references: [],
  responses: { sys: `Answer ${i}` },
  tags: [],
  metadata: {},
  datasetId: 'd',
}));
const rubric: RubricRecord = {
  id: 'rub',
  projectId: 'p',
  name: 'r',
  version: 1,
  template: 'Grade {prompt} / {response}. Score: N',
  mode: 'single',
  scale: { min: 1, max: 5 },
  createdAt: 0,
};
const price = { input: 1000, output: 1000 };
const run = newRunRecord(
  {
    projectId: 'p',
    datasetId: 'd',
    rubric,
    judge: {
      provider: 'openai',
      baseUrl: 'http://127.0.0.1:4630/v1',
      model: 'm',
      params: { temperature: 0, maxTokens: 100, logprobs: false, structured: false },
    },
    systems: ['sys'],
    repeats: 1,
    bothOrders: false,
    concurrency: 4,
    budgetUsd: null,
    price,
    purpose: 'full',
  },
  'run1',
  0,
);
const jobs = jobsOf(run, rubric, rows);
const chars = (t: string) => t.length;

/** Two done, three pending of which two were in flight (one of those already answered in the cache). */
function judgments(): JudgmentRecord[] {
  const marks: Partial<JudgmentRecord>[] = [
    { status: 'done', score: 4 },
    { status: 'done', score: 3 },
    { inFlightAt: 1 },
    { inFlightAt: 1 },
    {},
  ];
  return pendingJudgments(run.id, jobs, 0).map((j, i) => ({ ...j, ...marks[i] }));
}
const at = <T>(list: readonly T[], i: number): T => {
  const v = list[i];
  if (v === undefined) throw new Error(`no item ${i}`);
  return v;
};

describe('continuePlan', () => {
  it('counts in-flight calls without a cached answer, and prices re-send and skip apart', () => {
    const js = judgments();
    const cached = new Set([at(js, 3).cacheKey]);
    const plan = continuePlan('resume', run, rubric, rows, js, cached, chars);
    expect(plan.calls).toBe(3);
    expect(plan.inFlight).toBe(1);
    expect(plan.endpoint).toBe('http://127.0.0.1:4630/v1');
    // Independent sum: characters of system + user prompt + 8 framing tokens per call, 100 output tokens each.
    const cost = (i: number) =>
      ((chars(at(jobs, i).systemPrompt) + chars(at(jobs, i).user) + 8) * 1000 + 100 * 1000) / 1e6;
    // The cached one is replayed, not paid: re-send pays jobs 2 and 4, skip pays job 4 only.
    expect(plan.estimateAll.costUsd).toBeCloseTo(cost(2) + cost(4), 9);
    expect(plan.estimateSkip.costUsd).toBeCloseTo(cost(4), 9);
    expect(plan.estimateInFlight.costUsd).toBeCloseTo(cost(2), 9);
    expect(needsConfirmation(plan)).toBe(true);
  });

  it('asks nothing for the user’s own run with nothing in flight, and always for a run from a bundle', () => {
    const js = pendingJudgments(run.id, jobs, 0);
    expect(needsConfirmation(continuePlan('resume', run, rubric, rows, js, new Set(), chars))).toBe(false);
    const imported = { ...run, importedAt: 5 };
    const plan = continuePlan('retry-failed', imported, rubric, rows, js, new Set(), chars);
    expect(plan.calls).toBe(0);
    expect(plan.imported).toBe(true);
    expect(needsConfirmation(plan)).toBe(true);
  });
});
