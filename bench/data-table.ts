// Score columns of the Data view at scale, in headless Chromium: builds and serves the app, imports a 100k-row
// JSONL through the UI, writes a stored BLEU run and its 100k row scores into IndexedDB, then times, through the UI,
// adding the "BLEU · sys" column (one read of the run's scores into a Float64Array), and sorting by it and by the
// prompt and ID columns (click → rows re-ordered and painted; text columns of a large table sort in the analysis
// worker). Prints each time, the longest main-thread task of each text sort, and how many rows the DOM keeps.
//   npx tsx bench/data-table.ts [rows=100000]
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../tests/e2e/browser';
import { buildAndServe } from '../tests/e2e/serve';

const ROWS = Number(process.argv[2] ?? 100_000);

/** A JSONL file of `rows` rows (prompts share a template prefix, as real prompt sets do). */
async function writeJsonl(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const words = 'the model answers each question with a short and mostly correct explanation'.split(' ');
  const text = (seed: number, len: number): string => {
    let s = '';
    for (let i = 0; s.length < len; i++) s += `${words[(seed * 31 + i * 7) % words.length]} `;
    return s.slice(0, len);
  };
  for (let i = 0; i < rows; i++) {
    const row = {
      id: `item-${i}`,
      prompt: `Answer briefly and cite a source. ${text(i, 160)}`,
      reference: text(i + 1, 160),
      response: text(i + 2, 200),
    };
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Writes a finished BLEU run over the imported dataset and its row scores with the raw IndexedDB API. */
async function seedScores(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open('yardstick');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(new Error(String(req.error)));
    });
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(new Error(String(r.error)));
      });
    const [ds] = (await request(db.transaction('datasets').objectStore('datasets').getAll())) as {
      id: string;
      projectId: string;
      contentHash: string;
      rowCount: number;
      systems: { name: string }[];
    }[];
    if (!ds) throw new Error('no dataset');
    const now = Date.now();
    const tx = db.transaction(['runs', 'rowScores'], 'readwrite');
    tx.objectStore('runs').put({
      id: 'run-bleu',
      projectId: ds.projectId,
      datasetId: ds.id,
      datasetHash: ds.contentHash,
      kind: 'metric',
      metric: 'bleu',
      system: ds.systems[0]?.name ?? 'response',
      signature: 'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0',
      options: { config: { bleu: { tokenize: '13a' } } },
      status: 'done',
      createdAt: now,
      updatedAt: now,
    });
    for (let i = 0; i < ds.rowCount; i++) {
      tx.objectStore('rowScores').put({
        runId: 'run-bleu',
        rowIdx: i,
        rowId: `item-${i}`,
        value: { stat: [10, 9, 8, 7, 12, 11, 10, 9, 12, 12], bleu: ((i * 7919) % 10_007) / 100.07 },
      });
    }
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(new Error(String(tx.error)));
    });
    db.close();
  });
}

/**
 * Clicks `selector` in the page and returns ms until the next frame after Svelte has flushed the change and any
 * worker sort ("Sorting…" status) has arrived and been painted.
 */
async function timeInPage(page: Page, selector: string): Promise<number> {
  return page.evaluate(async (sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) throw new Error(`no ${sel}`);
    const t = performance.now();
    el.click();
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    while (document.querySelector('[aria-label="Sorting"]')) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - t;
  }, selector);
}

/** The longest main-thread task since the last call (and resets it). */
async function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    const longest = w.__longest;
    w.__longest = 0;
    return longest;
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'yardstick-bench-table-'));
  const file = join(work, 'bench.jsonl');
  await writeJsonl(file, ROWS);
  const { url, close } = await buildAndServe({ prefix: 'bench-' });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx keeps function names with an `__name` helper that page.evaluate'd code does not have.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.getByLabel('Choose a dataset file').setInputFiles(file);
    await page.getByLabel('Detected format').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Import/ }).click();
    await page.waitForURL(/#\/data$/, { timeout: 600_000 });
    const n = ROWS.toLocaleString('en-US');
    await page.getByText(`${n} of ${n} rows`).waitFor({ timeout: 600_000 });
    await seedScores(page);
    const system = await page.evaluate(
      () => document.querySelector('[data-column^="system:"]')?.textContent ?? '',
    );
    await page.reload();
    await page.getByText(`${n} of ${n} rows`).waitFor({ timeout: 300_000 });
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));

    await page.getByRole('button', { name: /^Scores/ }).click();
    const t0 = Date.now();
    await page.getByLabel(`BLEU · ${system}`).check();
    await page.getByRole('columnheader', { name: `BLEU · ${system}` }).waitFor({ timeout: 60_000 });
    const addMs = Date.now() - t0;
    await page.keyboard.press('Escape');

    const scoreHeader = 'button[data-column^="bleu:bleu:"]';
    const results: [string, string][] = [[`add "BLEU · ${system}" (read ${n} row scores)`, `${addMs} ms`]];
    for (const dir of ['ascending', 'descending', 'unsorted'])
      results.push([`sort by BLEU, ${dir}`, `${(await timeInPage(page, scoreHeader)).toFixed(0)} ms`]);
    results.push([
      'longest main-thread task (add, BLEU sorts)',
      `${(await longestTask(page)).toFixed(0)} ms`,
    ]);
    // Text columns of a table this size sort in the analysis worker: the time is until the new order is painted,
    // the longest task is what the page itself was blocked.
    for (const [column, label] of [
      ['prompt', 'prompt'],
      ['id', 'ID'],
    ])
      for (const dir of ['ascending', 'descending']) {
        const ms = await timeInPage(page, `button[data-column="${column}"]`);
        results.push([`sort by ${label}, ${dir}`, `${ms.toFixed(0)} ms`]);
        results.push([`  longest main-thread task`, `${(await longestTask(page)).toFixed(0)} ms`]);
      }
    const domRows = await page.locator('[role="row"]').count();
    results.push(['rows in the DOM (incl. header)', String(domRows)]);
    for (const [k, v] of results) console.log(`${k.padEnd(44)} ${v}`);
  } finally {
    await browser.close();
    await close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
