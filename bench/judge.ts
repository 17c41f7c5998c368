// Judge queue throughput: 1,000 items against the mock provider (50 ms latency as a timer, 10% of calls answered
// 429 without Retry-After) at concurrency 8. Target: within 1.3× of the ideal N × latency / concurrency, zero
// duplicate calls. Run: npx tsx bench/judge.ts   (RATE_429=0 for no 429s; MOCK=inline to serve the mock from the
// bench's own process, as before; RUNS=n to repeat).
// The mock runs in a child process by default: a real provider is another machine, and in one process its HTTP
// parsing shares the event loop with the client's, which on a loaded machine added ~10 ms to every 50 ms call.
// Every call is timed on the client (request sent → answer parsed) to show where the time goes: the call time
// itself, slots left empty while the concurrency limit is cut after a 429, and the tail where the last retried
// jobs wait out their backoff with nothing else left to run.
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/lib/core/random';
import { planJobs } from '../src/lib/judge/plan';
import { ProviderError } from '../src/lib/judge/providers/http';
import { createProvider } from '../src/lib/judge/providers/index';
import type { JudgeProvider } from '../src/lib/judge/providers/types';
import { MemoryCache } from '../src/lib/judge/queue/cache';
import { runQueue, type QueueReport } from '../src/lib/judge/queue/queue';
import { BUILTIN_TEMPLATES } from '../src/lib/judge/templates';
import { defaultScript, startMockLlm } from '../tests/mock-llm/server';

const ITEMS = 1000;
const LATENCY_MS = 50;
const RATE_429 = Number(process.env.RATE_429 ?? 0.1);
const CONCURRENCY = 8;
const RUNS = Math.max(1, Number(process.env.RUNS ?? 1));
const INLINE = process.env.MOCK === 'inline';
const params = { temperature: 0, maxTokens: 64, logprobs: false, structured: false };

/** What the mock reports when it closes. */
interface MockTally {
  requests: number;
  answeredTwice: number;
  answered429: number;
  connections: number;
}

/** The mock with a seeded 429 script; `answeredTwice` counts prompts answered (200) more than once. */
async function serveMock(): Promise<{ url: string; close: () => Promise<MockTally> }> {
  const rand = mulberry32(2024);
  const answered = new Map<string, number>();
  let n429 = 0;
  const mock = await startMockLlm({
    latencyMs: LATENCY_MS,
    script: (r) => {
      if (rand() < RATE_429) {
        n429++;
        return { type: 'status', status: 429, body: { error: { message: 'Rate limit reached' } } };
      }
      answered.set(r.user, (answered.get(r.user) ?? 0) + 1);
      return defaultScript(r);
    },
  });
  return {
    url: mock.url,
    close: async () => {
      const tally = {
        requests: mock.log.length,
        answeredTwice: [...answered.values()].filter((n) => n > 1).length,
        answered429: n429,
        connections: mock.connections(),
      };
      await mock.close();
      return tally;
    },
  };
}

/** Starts the mock in a child process (this file with --mock-server), talking over the IPC channel. */
async function childMock(): Promise<{ url: string; close: () => Promise<MockTally> }> {
  // process.execArgv carries tsx's loader, so the child runs this TypeScript file the same way.
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--mock-server'], {
    execArgv: process.execArgv,
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve(String((m as { url: string }).url)));
    child.once('error', reject);
  });
  return {
    url,
    close: () =>
      new Promise<MockTally>((resolve) => {
        child.once('message', (m) => {
          child.disconnect();
          resolve(m as MockTally);
        });
        child.send('close');
      }),
  };
}

function jobsFor(baseUrl: string) {
  const template = BUILTIN_TEMPLATES[0];
  if (!template) throw new Error('no template');
  const rows = Array.from({ length: ITEMS }, (_, i) => ({
    id: `r${i}`,
    prompt: `Question ${i}`,
    references: [],
    responses: { sys: `Answer ${i} SCORE=${(i % 5) + 1}` },
  }));
  const spec = { provider: 'openai' as const, baseUrl, model: 'bench', params };
  return planJobs(rows, template, spec, { systems: ['sys'], repeats: 1 }).jobs;
}

/** One traced run: every call's [start, end] in ms from the start, and the limit over time. */
async function traced(provider: JudgeProvider, baseUrl: string) {
  const spans: [number, number][] = [];
  const limits: [number, number][] = [[0, CONCURRENCY]];
  const results = new Map<string, number>();
  const t0 = performance.now();
  const timed: JudgeProvider = {
    ...provider,
    complete: async (req, signal) => {
      const s = performance.now() - t0;
      try {
        return await provider.complete(req, signal);
      } finally {
        spans.push([s, performance.now() - t0]);
      }
    },
  };
  const report = await runQueue(jobsFor(baseUrl), {
    provider: timed,
    params,
    cache: new MemoryCache(),
    concurrency: CONCURRENCY,
    onResult: (job) => void results.set(job.id, (results.get(job.id) ?? 0) + 1),
    onEvent: (e) => void (e.type === 'concurrency' && limits.push([performance.now() - t0, e.limit])),
  });
  const ms = performance.now() - t0;
  return { ms, report, spans, limits, doubleResults: [...results.values()].filter((n) => n > 1).length };
}

/** Where the slot time went. */
function analyse(ms: number, spans: [number, number][], limits: [number, number][]) {
  const durations = spans.map(([s, e]) => e - s).sort((a, b) => a - b);
  const busy = durations.reduce((a, b) => a + b, 0);
  const q = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))] ?? 0;
  let limitArea = 0;
  limits.forEach(([t, l], i) => (limitArea += l * ((limits[i + 1]?.[0] ?? ms) - t)));
  // Tail: from the last moment every slot was busy to the end (only retried jobs left, waiting out a backoff).
  const edges = spans.flatMap(([s, e]): [number, number][] => [
    [s, 1],
    [e, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let lastFull = 0;
  for (const [t, d] of edges) {
    inFlight += d;
    if (inFlight >= CONCURRENCY) lastFull = t;
  }
  return {
    mean: busy / Math.max(1, spans.length),
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    occupancy: busy / (CONCURRENCY * ms),
    avgLimit: limitArea / ms,
    tail: ms - lastFull,
  };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

async function overHttp(run: number): Promise<number> {
  const loadBefore = load();
  const mock = INLINE ? await serveMock() : await childMock();
  const baseUrl = `${mock.url}/v1`;
  const provider = createProvider({ kind: 'openai', baseUrl, model: 'bench', apiKey: 'sk-bench' });
  const { ms, report, spans, limits, doubleResults } = await traced(provider, baseUrl);
  const tally = await mock.close();
  const a = analyse(ms, spans, limits);
  const ideal = (ITEMS * LATENCY_MS) / CONCURRENCY;
  const idealCalls = (report.calls * LATENCY_MS) / CONCURRENCY;
  const idealObserved = (report.calls * a.mean) / CONCURRENCY;
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
  console.log(`\n### Run ${run + 1}: over HTTP, mock ${INLINE ? 'in this process' : 'in a child process'}\n`);
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| load average (1, 5, 15 min) before → after | ${loadBefore} → ${load()} |`);
  console.log(
    `| items, concurrency, mock latency, 429 rate | ${ITEMS}, ${CONCURRENCY}, ${LATENCY_MS} ms, ${RATE_429} |`,
  );
  console.log(`| completion time | ${s(ms)} |`);
  console.log(
    `| ideal = N × latency / concurrency = ${ITEMS} × ${LATENCY_MS} ms / ${CONCURRENCY} | ${s(ideal)} |`,
  );
  console.log(`| **ratio to ideal** | **${(ms / ideal).toFixed(3)}×** (target ≤ 1.3×) |`);
  console.log(
    `| ideal counting the 429s = calls × latency / concurrency = ${report.calls} × ${LATENCY_MS} ms / ${CONCURRENCY} | ${s(idealCalls)} (ratio ${(ms / idealCalls).toFixed(3)}×) |`,
  );
  console.log(
    `| call time on the client, mean / p50 / p90 / p99 | ${a.mean.toFixed(1)} / ${a.p50.toFixed(1)} / ${a.p90.toFixed(1)} / ${a.p99.toFixed(1)} ms |`,
  );
  console.log(
    `| ideal at the observed call time = calls × mean / concurrency | ${s(idealObserved)} (ratio ${(ms / idealObserved).toFixed(3)}×: the queue's own overhead) |`,
  );
  console.log(`| slot occupancy = Σ call time / (concurrency × time) | ${(a.occupancy * 100).toFixed(1)}% |`);
  console.log(`| concurrency limit, time-averaged | ${a.avgLimit.toFixed(2)} of ${CONCURRENCY} |`);
  console.log(`| tail after the last moment all slots were busy | ${s(a.tail)} |`);
  console.log(
    `| provider calls | ${report.calls} (${tally.answered429} answered 429, ${report.retries} retries) over ${tally.connections} connections |`,
  );
  console.log(
    `| answered / failed / remaining | ${report.answered} / ${report.failed} / ${report.remaining} |`,
  );
  console.log(`| duplicate answered calls | ${tally.answeredTwice} |`);
  console.log(`| jobs with more than one result | ${doubleResults} |`);
  return ms / ideal;
}

/** The same run against an in-process provider (a 50 ms timer, no HTTP): the queue's scheduling alone. */
async function inProcess(): Promise<void> {
  const rand = mulberry32(7);
  const answered = new Map<string, number>();
  const provider: JudgeProvider = {
    kind: 'openai',
    model: 'x',
    canLogprobs: false,
    complete: async (req) => {
      await new Promise((r) => setTimeout(r, LATENCY_MS));
      if (rand() < RATE_429)
        throw new ProviderError('http', 'HTTP 429: rate limited', { status: 429, retryable: true });
      answered.set(req.user, (answered.get(req.user) ?? 0) + 1);
      return { text: 'Score: 3', usage: { promptTokens: 10, completionTokens: 3 } };
    },
  };
  const loadBefore = load();
  const { ms, report, spans, limits } = await traced(provider, '');
  const a = analyse(ms, spans, limits);
  const ideal = (ITEMS * LATENCY_MS) / CONCURRENCY;
  const line = (r: QueueReport) =>
    `${r.calls} calls, ${r.retries} retries, ${[...answered.values()].filter((n) => n > 1).length} duplicates`;
  console.log('\n### In-process provider (a 50 ms timer, no HTTP)\n');
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| load average before → after | ${loadBefore} → ${load()} |`);
  console.log(`| completion time | ${(ms / 1000).toFixed(2)} s = ${(ms / ideal).toFixed(3)}× ideal |`);
  console.log(
    `| against calls × mean call time / concurrency | ${(ms / ((report.calls * a.mean) / CONCURRENCY)).toFixed(3)}× (mean call ${a.mean.toFixed(1)} ms) |`,
  );
  console.log(
    `| limit time-averaged / tail | ${a.avgLimit.toFixed(2)} of ${CONCURRENCY} / ${(a.tail / 1000).toFixed(2)} s |`,
  );
  console.log(`| calls | ${line(report)} |`);
}

async function main(): Promise<void> {
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) ratios.push(await overHttp(i));
  if (RUNS > 1) console.log(`\nRatios to ideal over HTTP: ${ratios.map((r) => r.toFixed(3)).join(', ')}`);
  await inProcess();
}

if (process.argv[2] === '--mock-server') {
  // Child side: serve, report the URL, and on 'close' send the tally and exit.
  void serveMock().then((mock) => {
    process.send?.({ url: mock.url });
    process.once('message', () => {
      void mock.close().then((tally) => process.send?.(tally, () => process.exit(0)));
    });
  });
} else void main();
