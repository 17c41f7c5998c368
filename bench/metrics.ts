// Metrics benchmark over the WMT17 en-de corpus (5 systems × 3004 segments = 15,020 pairs): corpus BLEU,
// sentence BLEU, chrF and ROUGE (rouge1/2/L/Lsum, stemmer on) in Node and in a browser module worker (headless
// Chromium), plus the app's own metrics worker running a full job against the same job in Node. Prints pairs/s.
//   npx tsx bench/metrics.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { openBrowser } from '../tests/e2e/browser';
import { SUB_PATH } from '../tests/e2e/global-setup';
import { buildAndServe } from '../tests/e2e/serve';
import { createContext, handleRequest, type MetricJob, type MetricsResponse } from '../src/lib/metrics/run';
import { appJob, appWorkerFile, browserAppJobMs } from './app-job';
import { timeMetrics, type Timing, type Wmt17 } from './metrics-core';

const root = resolve(import.meta.dirname, '..');
const data = JSON.parse(
  readFileSync(join(root, 'tests/fixtures/reference/wmt17_en_de_corpus.json'), 'utf8'),
) as Wmt17;
// Reference implementations on this machine class (sacreBLEU 2.6.0, rouge-score 0.1.2), pairs per second.
const REFERENCE: Record<string, number> = {
  'corpus BLEU': 10_500,
  'sentence BLEU': 5_900,
  chrF: 1_900,
  'ROUGE 1/2/L/Lsum + stemmer': 880,
};

async function nodeAppJobMs(job: MetricJob): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now();
    const out: MetricsResponse[] = [];
    await handleRequest(
      { type: 'score', id: 'b', job },
      createContext((m) => out.push(m)),
    );
    if (out[out.length - 1]?.type !== 'scored') throw new Error('app job failed in Node');
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const rate = (t: Timing): number => (t.pairs / t.ms) * 1000;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

async function main(): Promise<void> {
  console.log('Node…');
  const node = timeMetrics(data);
  const job = appJob(data);
  const nodeJob = await nodeAppJobMs(job);

  console.log('Building the app and the bench worker…');
  const served = await buildAndServe({ subPath: SUB_PATH, prefix: 'bench-' });
  const { url, outDir } = served;
  const workerDir = mkdtempSync(join(root, '.e2e', 'bench-worker-'));
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: workerDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry: join(root, 'bench/metrics-worker.ts'), formats: ['es'], fileName: 'bench-worker' },
    },
  });
  const workerCode = readFileSync(join(workerDir, 'bench-worker.js'), 'utf8');
  const session = await openBrowser(url);
  try {
    console.log('Chromium…');
    await session.page.goto(url);
    const browser = await session.page.evaluate(
      ({ code, corpus }) =>
        new Promise<Timing[]>((done, fail) => {
          const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), {
            type: 'module',
          });
          w.onmessage = (e: MessageEvent<Timing[]>) => done(e.data);
          w.onerror = (e) => fail(new Error(e.message));
          w.postMessage(corpus);
        }),
      { code: workerCode, corpus: data },
    );
    const browserJob = await browserAppJobMs(session.page, appWorkerFile(outDir), job);
    if (session.external.length > 0) throw new Error(`external requests: ${session.external.join(', ')}`);

    console.log(
      `\nWMT17 en-de, ${data.reference.length} segments × ${Object.keys(data.systems).length} systems`,
    );
    console.log(
      'metric                        Node pairs/s  ×reference   worker pairs/s  worker time ÷ Node time',
    );
    node.forEach((t, i) => {
      const b = browser[i];
      const n = rate(t);
      const w = b ? rate(b) : NaN;
      const ref = REFERENCE[t.name] ?? NaN;
      console.log(
        `${t.name.padEnd(28)} ${fmt(n)}     ${(n / ref).toFixed(1).padStart(6)}×      ${fmt(w)}     ${(n / w).toFixed(2)}`,
      );
    });
    const pairs = job.rows.length * job.systems.length;
    console.log(
      `app job (BLEU+chrF+ROUGE)    ${fmt((pairs / nodeJob) * 1000)}                   ${fmt((pairs / browserJob) * 1000)}     ${(browserJob / nodeJob).toFixed(2)}`,
    );
  } finally {
    await session.close();
    await served.close();
    rmSync(workerDir, { recursive: true, force: true });
  }
}

await main();
