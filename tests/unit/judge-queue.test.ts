// The queue against the scripted mock over real HTTP: retries happen and stop, non-retryable errors are not
// retried, nothing is lost or counted twice, a cancelled run resumes from the cache without repeating answered
// calls, identical requests share a call, and the budget cap stops the run before it can be crossed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planJobs, interpret, type JudgeJob, type JudgeSpec } from '../../src/lib/judge/plan';
import { createProvider } from '../../src/lib/judge/providers/index';
import { MemoryCache } from '../../src/lib/judge/queue/cache';
import { runQueue, worstCaseCost, type JobResult, type QueueOptions } from '../../src/lib/judge/queue/queue';
import { BUILTIN_TEMPLATES } from '../../src/lib/judge/templates';
import { defaultScript, startMockLlm, type MockLlm } from '../mock-llm/server';

const KEY = 'sk-queue-SECRET-99';
let mock: MockLlm;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => mock.close());
beforeEach(() => {
  mock.log.length = 0;
  mock.setLatency(0);
  mock.setScript(defaultScript);
});

const params = { temperature: 0, maxTokens: 100, logprobs: false, structured: false };
const spec = (): JudgeSpec => ({ provider: 'openai', baseUrl: `${mock.url}/v1`, model: 'm', params });
const helpful = (() => {
  const t = BUILTIN_TEMPLATES[0];
  if (!t) throw new Error('templates');
  return t;
})();

function jobs(n: number): JudgeJob[] {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    prompt: `Question ${i}`,
    references: [],
    responses: { sys: `Answer ${i} SCORE=${(i % 5) + 1}` },
  }));
  return planJobs(rows, helpful, spec(), { systems: ['sys'], repeats: 1 }).jobs;
}

function options(cache = new MemoryCache(), over: Partial<QueueOptions> = {}) {
  const results = new Map<string, JobResult[]>();
  const opts: QueueOptions = {
    provider: createProvider({
      kind: 'openai',
      baseUrl: `${mock.url}/v1`,
      model: 'm',
      apiKey: KEY,
      timeoutMs: 500,
    }),
    params,
    cache,
    concurrency: 4,
    backoff: { baseMs: 2, capMs: 10, maxAttempts: 4 },
    onResult: (job, r) => {
      results.set(job.id, [...(results.get(job.id) ?? []), r]);
    },
    ...over,
  };
  return { opts, results };
}

describe('retries', () => {
  it('retry on 429/500/timeout/cut-off body until an answer; each job answered exactly once', async () => {
    const faults = ['429', '500', 'hang', 'truncated', 'drop'] as const;
    mock.setScript((r) => {
      const i = Number(/Question (\d+)/.exec(r.user)?.[1]);
      if (r.seen === 0 && i < faults.length) {
        const f = faults[i];
        if (f === '429' || f === '500') return { type: 'status', status: Number(f) };
        if (f) return { type: f };
      }
      return defaultScript(r);
    });
    const js = jobs(8);
    const { opts, results } = options();
    const report = await runQueue(js, opts);
    expect(report).toMatchObject({
      stopped: 'done',
      answered: 8,
      failed: 0,
      retries: 5,
      calls: 13,
      remaining: 0,
    });
    for (const j of js) expect(results.get(j.id)).toHaveLength(1);
    // Usage counts only the answered calls (8 answers, none twice).
    const answered = mock.log.filter(
      (r) => r.seen > 0 || Number(/Question (\d+)/.exec(r.user)?.[1]) >= faults.length,
    );
    const expected = answered.reduce((s, r) => s + Math.ceil((r.system.length + r.user.length) / 4), 0);
    expect(report.usage.promptTokens).toBe(expected);
  });

  it('retries stop after maxAttempts and the job is failed, not scored', async () => {
    mock.setScript(() => ({ type: 'status', status: 503 }));
    const { opts, results } = options();
    const report = await runQueue(jobs(2), opts);
    expect(report).toMatchObject({ answered: 0, failed: 2, calls: 8, retries: 6 });
    const r = [...results.values()].flat();
    expect(r.every((x) => x.kind === 'failed' && x.status === 503 && x.attempts === 4)).toBe(true);
  });

  it('400 is not retried; 401 stops the run and leaves the rest pending; the key is in no error', async () => {
    mock.setScript(() => ({ type: 'status', status: 400, body: { error: { message: 'context too long' } } }));
    const first = options();
    let report = await runQueue(jobs(3), first.opts);
    expect(report).toMatchObject({ calls: 3, failed: 3, retries: 0, stopped: 'done' });

    mock.log.length = 0;
    mock.setScript(() => ({
      type: 'status',
      status: 401,
      body: { error: { message: `Incorrect API key ${KEY}` } },
    }));
    const { opts, results } = options(new MemoryCache(), { concurrency: 1 });
    report = await runQueue(jobs(5), opts);
    expect(report).toMatchObject({ stopped: 'fatal', calls: 1, failed: 1, remaining: 4 });
    expect(report.stopReason).not.toContain(KEY);
    expect(JSON.stringify([...results.values()])).not.toContain(KEY);
  });
});

describe('slots, backoff and the concurrency limit', () => {
  const idx = (user: string) => Number(/Question (\d+)/.exec(user)?.[1]);

  it('a job waiting out its backoff holds no slot: with one slot, the next job is called meanwhile', async () => {
    mock.setScript((r) => (r.index === 0 ? { type: 'status', status: 429 } : defaultScript(r)));
    // random() = 1 makes the wait exactly min(cap, base) = 150 ms.
    const { opts } = options(new MemoryCache(), {
      concurrency: 1,
      backoff: { baseMs: 150, capMs: 150, maxAttempts: 3 },
      random: () => 1,
    });
    const report = await runQueue(jobs(3), opts);
    expect(report).toMatchObject({ answered: 3, calls: 4, retries: 1 });
    // Jobs 1 and 2 are answered (0 latency) long before job 0's 150 ms wait is over.
    expect(mock.log.map((r) => idx(r.user))).toEqual([0, 1, 2, 0]);
  });

  it('cancel while every job waits out a backoff ends the run at once, with nothing lost', async () => {
    mock.setScript(() => ({ type: 'status', status: 503 }));
    const ctl = new AbortController();
    const { opts, results } = options(new MemoryCache(), {
      signal: ctl.signal,
      backoff: { baseMs: 60_000, capMs: 60_000, maxAttempts: 3 },
      random: () => 1,
      onEvent: (e) => {
        if (e.type === 'retry' && e.jobId.startsWith('r2')) setTimeout(() => ctl.abort(), 20);
      },
    });
    const t0 = Date.now();
    const report = await runQueue(jobs(3), opts);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(report).toMatchObject({ stopped: 'cancelled', calls: 3, answered: 0, failed: 0, remaining: 3 });
    expect(results.size).toBe(0);
  });

  it('recording an answer holds no slot: with one slot, the next call goes out while the first is still being saved', async () => {
    let firstSaved = false;
    const savedWhenCalled: boolean[] = [];
    mock.setScript((r) => {
      savedWhenCalled.push(firstSaved);
      return defaultScript(r);
    });
    const { opts, results } = options(new MemoryCache(), { concurrency: 1 });
    const inner = opts.onResult;
    opts.onResult = async (job, r) => {
      if (job.id.startsWith('r0')) {
        // A slow storage write (IndexedDB under load), 300 ms.
        await new Promise((resolve) => setTimeout(resolve, 300));
        firstSaved = true;
      }
      return inner(job, r);
    };
    const report = await runQueue(jobs(3), opts);
    expect(savedWhenCalled).toEqual([false, false, false]);
    // The run still waits for every record before it reports.
    expect(firstSaved).toBe(true);
    expect(report).toMatchObject({ answered: 3, calls: 3, remaining: 0 });
    expect([...results.values()].map((r) => r.length)).toEqual([1, 1, 1]);
  });

  it('a 429 halves the limit; each later answer gives one slot back', async () => {
    mock.setScript((r) => (r.index === 0 ? { type: 'status', status: 429 } : defaultScript(r)));
    const trail: string[] = [];
    const { opts } = options(new MemoryCache(), {
      concurrency: 4,
      onEvent: (e) => void (e.type === 'concurrency' && trail.push(`limit ${e.limit}`)),
    });
    const inner = opts.onResult;
    opts.onResult = (job, r) => {
      trail.push('answer');
      return inner(job, r);
    };
    const report = await runQueue(jobs(12), opts);
    expect(report).toMatchObject({ answered: 12, calls: 13 });
    const cut = trail.indexOf('limit 2');
    expect(cut).toBeGreaterThanOrEqual(0);
    // The answer that grows the limit reports the change just before it is delivered.
    expect(trail.slice(cut, cut + 4)).toEqual(['limit 2', 'limit 3', 'answer', 'limit 4']);
    expect(trail.filter((t) => t.startsWith('limit'))).toEqual(['limit 2', 'limit 3', 'limit 4']);
  });
});

describe('cache, dedupe and resume', () => {
  it('a second run with the same cache makes no calls', async () => {
    const cache = new MemoryCache();
    const js = jobs(6);
    await runQueue(js, options(cache).opts);
    expect(mock.log).toHaveLength(6);
    const again = await runQueue(js, options(cache).opts);
    expect(again).toMatchObject({ calls: 0, cacheHits: 6, answered: 6 });
    expect(mock.log).toHaveLength(6);
    // The cache holds answers, never the key.
    expect(JSON.stringify([...cache.map.entries()])).not.toContain(KEY);
  });

  it('identical requests in one run share one call', async () => {
    const js = jobs(1);
    const twin = { ...(js[0] as JudgeJob), id: 'twin' };
    const { opts, results } = options();
    const report = await runQueue([...js, twin], opts);
    expect(report).toMatchObject({ calls: 1, answered: 2 });
    expect(results.get('twin')).toHaveLength(1);
  });

  it('cancel mid-run, then resume: answered calls are never repeated and every job ends with one result', async () => {
    mock.setLatency(20);
    const cache = new MemoryCache();
    const js = jobs(20);
    const ctl = new AbortController();
    const first = options(cache, { signal: ctl.signal });
    const inner = first.opts.onResult;
    first.opts.onResult = (job, r) => {
      void inner(job, r);
      if (first.results.size >= 7) ctl.abort();
    };
    const r1 = await runQueue(js, first.opts);
    expect(r1.stopped).toBe('cancelled');
    const done = new Set(first.results.keys());
    expect(done.size).toBeGreaterThanOrEqual(7);
    expect(r1.remaining).toBe(20 - done.size);
    const answeredBefore = mock.log.length;

    // "Reload": a new run over the jobs without a result, same cache.
    const second = options(cache);
    const r2 = await runQueue(
      js.filter((j) => !done.has(j.id)),
      second.opts,
    );
    expect(r2).toMatchObject({ stopped: 'done', remaining: 0 });
    for (const j of js)
      expect((first.results.get(j.id)?.length ?? 0) + (second.results.get(j.id)?.length ?? 0)).toBe(1);
    // No prompt answered in the first run was sent again.
    const answeredUsers = new Set(js.filter((j) => done.has(j.id)).map((j) => j.user));
    expect(mock.log.slice(answeredBefore).filter((r) => answeredUsers.has(r.user))).toEqual([]);
  });
});

describe('unparsed and budget', () => {
  it('malformed, truncated and wrong-JSON answers land in the unparsed bucket with no score', async () => {
    const texts = [
      'The response is good. Score:',
      '{"feedback": "fine", "score": "great"}',
      'I cannot evaluate this.',
      'Score: 4',
    ];
    mock.setScript((r) => ({
      type: 'answer',
      text: texts[Number(/Question (\d+)/.exec(r.user)?.[1])] ?? '',
    }));
    const { opts, results } = options();
    await runQueue(jobs(4), opts);
    const outcomes = [...results.values()]
      .flat()
      .map((r) => (r.kind === 'answer' ? interpret(r.completion, 'single', { min: 1, max: 5 }) : null));
    expect(outcomes.filter((o) => o?.status === 'unparsed')).toHaveLength(3);
    expect(outcomes.filter((o) => o?.status === 'unparsed').every((o) => o?.score === undefined)).toBe(true);
    expect(outcomes.filter((o) => o?.status === 'done').map((o) => o?.score)).toEqual([4]);
  });

  it('the budget cap stops the run before it could be crossed, and spend is what the provider reported', async () => {
    const price = { input: 1000, output: 1000 }; // $ per 1M tokens: large, so a few calls reach the cap
    const js = jobs(30);
    const perCall = worstCaseCost(js[0] as JudgeJob, params.maxTokens, price);
    const limitUsd = perCall * 5.5;
    const { opts } = options(new MemoryCache(), { budget: { limitUsd, spentUsd: 0, price }, concurrency: 2 });
    const report = await runQueue(js, opts);
    expect(report.stopped).toBe('budget');
    expect(report.calls).toBeLessThan(30);
    expect(report.calls).toBeGreaterThanOrEqual(5);
    expect(report.spentUsd).toBeLessThanOrEqual(limitUsd);
    expect(report.spentUsd).toBeCloseTo(
      ((report.usage.promptTokens + report.usage.completionTokens) * 1000) / 1e6,
      12,
    );
    expect(report.remaining).toBe(30 - report.answered);
  });
});
