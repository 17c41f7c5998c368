// Judge queue throughput: 1,000 items against the mock provider with 50 ms latency and 10% 429s, concurrency 8.
// Prints the completion time against the ideal (1000 × 50 ms / 8 = 6.25 s), the number of calls and duplicates.
// Target: within 1.3× of ideal, zero duplicates. Run: npx tsx bench/judge.ts
import { mulberry32 } from '../src/lib/core/random';
import { planJobs } from '../src/lib/judge/plan';
import { ProviderError } from '../src/lib/judge/providers/http';
import { createProvider } from '../src/lib/judge/providers/index';
import type { JudgeProvider } from '../src/lib/judge/providers/types';
import { MemoryCache } from '../src/lib/judge/queue/cache';
import { runQueue } from '../src/lib/judge/queue/queue';
import { BUILTIN_TEMPLATES } from '../src/lib/judge/templates';
import { defaultScript, startMockLlm } from '../tests/mock-llm/server';

const ITEMS = 1000;
const LATENCY_MS = 50;
const RATE_429 = Number(process.env.RATE_429 ?? 0.1);
const CONCURRENCY = 8;

async function main(): Promise<void> {
  const rand = mulberry32(2024);
  const answered = new Map<string, number>();
  const mock = await startMockLlm({
    latencyMs: LATENCY_MS,
    script: (r) => {
      if (rand() < RATE_429)
        return { type: 'status', status: 429, body: { error: { message: 'Rate limit reached' } } };
      answered.set(r.user, (answered.get(r.user) ?? 0) + 1);
      return defaultScript(r);
    },
  });
  const template = BUILTIN_TEMPLATES[0];
  if (!template) throw new Error('no template');
  const params = { temperature: 0, maxTokens: 64, logprobs: false, structured: false };
  const rows = Array.from({ length: ITEMS }, (_, i) => ({
    id: `r${i}`,
    prompt: `Question ${i}`,
    references: [],
    responses: { sys: `Answer ${i} SCORE=${(i % 5) + 1}` },
  }));
  const { jobs } = planJobs(
    rows,
    template,
    { provider: 'openai', baseUrl: `${mock.url}/v1`, model: 'bench', params },
    { systems: ['sys'], repeats: 1 },
  );
  const results = new Map<string, number>();
  const t0 = performance.now();
  const report = await runQueue(jobs, {
    provider: createProvider({
      kind: 'openai',
      baseUrl: `${mock.url}/v1`,
      model: 'bench',
      apiKey: 'sk-bench',
    }),
    params,
    cache: new MemoryCache(),
    concurrency: CONCURRENCY,
    onResult: (job) => void results.set(job.id, (results.get(job.id) ?? 0) + 1),
  });
  const seconds = (performance.now() - t0) / 1000;
  await mock.close();
  const ideal = (ITEMS * LATENCY_MS) / CONCURRENCY / 1000;
  const duplicates = [...answered.values()].filter((n) => n > 1).length;
  const doubleResults = [...results.values()].filter((n) => n > 1).length;
  const rows429 = mock.log.length - [...answered.values()].reduce((a, b) => a + b, 0);
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| items | ${ITEMS} |`);
  console.log(`| completion time | ${seconds.toFixed(2)} s |`);
  console.log(`| ideal (${ITEMS} × ${LATENCY_MS} ms / ${CONCURRENCY}) | ${ideal.toFixed(2)} s |`);
  console.log(`| ratio to ideal | ${(seconds / ideal).toFixed(3)}× (target ≤ 1.3×) |`);
  console.log(`| provider calls | ${report.calls} (${rows429} answered 429, ${report.retries} retries) |`);
  console.log(
    `| answered / failed / remaining | ${report.answered} / ${report.failed} / ${report.remaining} |`,
  );
  console.log(`| duplicate answered calls | ${duplicates} |`);
  console.log(`| jobs with more than one result | ${doubleResults} |`);
}

/** The same run against an in-process provider (a 50 ms timer, no HTTP): isolates the queue's scheduling from
 *  the machine's HTTP and CPU overhead, which dominates on a loaded machine. */
async function inProcess(): Promise<void> {
  const rand = mulberry32(7);
  const template = BUILTIN_TEMPLATES[0];
  if (!template) throw new Error('no template');
  const params = { temperature: 0, maxTokens: 64, logprobs: false, structured: false };
  const rows = Array.from({ length: ITEMS }, (_, i) => ({
    id: `r${i}`,
    prompt: `Q${i}`,
    references: [],
    responses: { sys: `A${i}` },
  }));
  const { jobs } = planJobs(
    rows,
    template,
    { provider: 'openai', baseUrl: '', model: 'x', params },
    { systems: ['sys'], repeats: 1 },
  );
  const answered = new Map<string, number>();
  let calls = 0;
  const provider: JudgeProvider = {
    kind: 'openai',
    model: 'x',
    canLogprobs: false,
    complete: async (req) => {
      calls++;
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      if (rand() < RATE_429)
        throw new ProviderError('http', 'HTTP 429: rate limited', { status: 429, retryable: true });
      answered.set(req.user, (answered.get(req.user) ?? 0) + 1);
      return { text: 'Score: 3', usage: { promptTokens: 10, completionTokens: 3 } };
    },
  };
  const t0 = performance.now();
  const report = await runQueue(jobs, {
    provider,
    params,
    cache: new MemoryCache(),
    concurrency: CONCURRENCY,
    onResult: () => undefined,
  });
  const seconds = (performance.now() - t0) / 1000;
  const ideal = (ITEMS * LATENCY_MS) / CONCURRENCY / 1000;
  console.log(
    `| in-process provider (no HTTP): time | ${seconds.toFixed(2)} s = ${(seconds / ideal).toFixed(3)}× ideal |`,
  );
  console.log(
    `| in-process provider: calls / retries / duplicates | ${calls} / ${report.retries} / ${[...answered.values()].filter((n) => n > 1).length} |`,
  );
}

void main().then(inProcess);
