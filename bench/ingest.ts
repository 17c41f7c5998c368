// Ingest benchmark: builds the app, serves it, generates a 100k-row (~100 MB) JSONL and imports it through the real
// UI (file input → mapping screen → Import) in headless Chromium. Prints rows/s (parse + store, until the dataset
// is committed), peak JS heap of the page and of the import worker (CDP Runtime.getHeapUsage, sampled), and the
// longest main-thread task (PerformanceObserver 'longtask').
//   npx tsx bench/ingest.ts [rows=100000] [bytesPerRow=1100]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';
import { chromiumPath } from '../tests/e2e/browser';
import { buildAndServe } from '../tests/e2e/serve';

const ROWS = Number(process.argv[2] ?? 100_000);
const BYTES_PER_ROW = Number(process.argv[3] ?? 1100);

async function writeJsonl(path: string): Promise<number> {
  const out = createWriteStream(path);
  const words =
    'the model answers each question with a short and mostly correct explanation of its reasoning'.split(' ');
  const text = (seed: number, length: number): string => {
    let s = '';
    for (let i = 0; s.length < length; i++) s += `${words[(seed + i * 7) % words.length]} `;
    return s.slice(0, length);
  };
  const share = Math.floor((BYTES_PER_ROW - 160) / 4);
  for (let i = 0; i < ROWS; i++) {
    const row = {
      id: `item-${i}`,
      prompt: text(i, share),
      reference: text(i + 1, share),
      response_a: text(i + 2, share),
      response_b: text(i + 3, share),
      category: `cat-${i % 12}`,
    };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** Samples Runtime.getHeapUsage of the page and (via the non-flat Target API) of its workers. */
async function heapSampler(cdp: CDPSession) {
  const workers = new Map<string, number>();
  let nextId = 1;
  const waiting = new Map<number, (v: number) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, 0);
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
    if (msg.id !== undefined && msg.result) waiting.get(msg.id)?.(msg.result.usedSize);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let peakPage = 0;
  let peakWorker = 0;
  let peakSum = 0;
  const sample = async () => {
    const page = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    let worker = 0;
    for (const sessionId of workers.keys()) {
      const id = nextId++;
      const used = new Promise<number>((res) => {
        waiting.set(id, res);
        setTimeout(() => res(0), 500);
      });
      await cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
        })
        .catch(() => workers.delete(sessionId));
      worker += await used;
      waiting.delete(id);
    }
    peakPage = Math.max(peakPage, page);
    peakWorker = Math.max(peakWorker, worker);
    peakSum = Math.max(peakSum, page + worker);
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { peakPage, peakWorker, peakSum };
    },
  };
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'yardstick-bench-'));
  const file = join(work, 'bench-100k.jsonl');
  try {
    const size = await writeJsonl(file);
    console.log(`generated ${ROWS} rows, ${mb(size)}`);
    const { url, close } = await buildAndServe({ prefix: 'bench-' });
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        // Listen to the import worker's answers (bench-side wrapper, no app hook) for the worker's own timings.
        const Native = window.Worker;
        window.Worker = class extends Native {
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options);
            this.addEventListener('message', (e: MessageEvent<{ type?: string; summary?: unknown }>) => {
              if (e.data?.type === 'staged')
                (window as unknown as { __summary: unknown }).__summary = e.data.summary;
            });
          }
        };
        const w = window as unknown as { __longest: number; __longTasks: number };
        w.__longest = 0;
        w.__longTasks = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            w.__longest = Math.max(w.__longest, e.duration);
            w.__longTasks++;
          }
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(url);
      const cdp = await page.context().newCDPSession(page);
      await page.getByLabel('Choose a dataset file').setInputFiles(file);
      await page.getByLabel('Detected format').waitFor({ timeout: 60_000 });
      const sampler = await heapSampler(cdp);
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number; __longTasks: number };
        w.__longest = 0;
        w.__longTasks = 0;
      });
      const t0 = Date.now();
      await page.getByRole('button', { name: /^Import/ }).click();
      await page.waitForURL(/#\/data$/, { timeout: 600_000 });
      const tImport = (Date.now() - t0) / 1000;
      const n = ROWS.toLocaleString('en-US');
      await page.getByText(`${n} of ${n} rows`).waitFor({ timeout: 600_000 });
      const tShown = (Date.now() - t0) / 1000;
      // Scroll the virtual table end to end and back: it must stay responsive at 100k rows.
      await page
        .getByRole('grid', { name: 'Dataset rows' })
        .evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.getByText(`item-${ROWS - 1}`).waitFor();
      const heap = await sampler.stop();
      const { longest, count } = await page.evaluate(() => {
        const w = window as unknown as { __longest: number; __longTasks: number };
        return { longest: w.__longest, count: w.__longTasks };
      });
      const summary = (await page.evaluate(
        () => (window as unknown as { __summary: unknown }).__summary,
      )) as {
        elapsedMs: number;
        writeWaitMs: number;
      };
      const rows: [string, string][] = [
        ['file', mb(size)],
        ['rows', n],
        ['import (parse + store + commit)', `${tImport.toFixed(2)} s`],
        ['rows/s', Math.round(ROWS / tImport).toLocaleString('en-US')],
        [
          '  in the worker',
          `${(summary.elapsedMs / 1000).toFixed(2)} s, of which waiting for IndexedDB ${(summary.writeWaitMs / 1000).toFixed(2)} s`,
        ],
        ['until all rows are in the table', `${tShown.toFixed(2)} s`],
        ['peak JS heap, page', `${mb(heap.peakPage)} (${(heap.peakPage / size).toFixed(2)}x file)`],
        [
          'peak JS heap, import worker',
          `${mb(heap.peakWorker)} (${(heap.peakWorker / size).toFixed(2)}x file)`,
        ],
        ['peak JS heap, page + worker', `${mb(heap.peakSum)} (${(heap.peakSum / size).toFixed(2)}x file)`],
        ['longest main-thread task', `${longest.toFixed(0)} ms (${count} tasks over 50 ms)`],
      ];
      for (const [k, v] of rows) console.log(`${k.padEnd(36)} ${v}`);
    } finally {
      await browser.close();
      await close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
