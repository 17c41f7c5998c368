// Main-thread responsiveness of the Human results and the Report at scale, in headless Chromium. Builds a project of
// `items` rows (the bundled sample repeated with variations, two systems, tags) through scripts/make-demo.ts (real
// BLEU, chrF, ROUGE, exact match and perplexity runs, two recorded annotators over every row, judge runs), builds
// and serves the app, opens the bundle with ?bundle=, then records every main-thread long task
// (PerformanceObserver 'longtask', > 50 ms) while it changes report slices and opens the Human Results and
// Agreement tabs. Prints, per step, the wall time until the screen settled and the longest task.
//   npx tsx bench/analysis.ts [items=5000]
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../tests/e2e/browser';
import { buildAndServe } from '../tests/e2e/serve';

const ITEMS = Number(process.argv[2] ?? 5000);
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'yardstick-bench-analysis-'));
const EXTRA = 'indeed clearly perhaps notably briefly also simply really mostly usually'.split(' ');

/** The bundled sample repeated to `items` rows; each copy gets a few seeded extra words so rows differ. */
function writeDataset(path: string, items: number): string[] {
  const sample = readFileSync(join(root, 'static/finetune-vs-base.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, string>);
  const lines: string[] = [];
  const tags = new Set<string>();
  for (let i = 0; i < items; i++) {
    const s = sample[i % sample.length] ?? {};
    const extra = (k: number) => EXTRA[(i * 7 + k * 3) % EXTRA.length] ?? '';
    const tag = `${s['category'] ?? 'misc'}`;
    tags.add(tag);
    lines.push(
      JSON.stringify({
        id: `item-${i}`,
        category: tag,
        tags: [tag, i % 3 === 0 ? 'hard' : 'easy'],
        prompt: `${s['prompt'] ?? ''} (${i})`,
        reference: s['reference'] ?? '',
        base: `${s['base'] ?? ''} ${extra(1)}`,
        finetuned: `${extra(2)} ${s['finetuned'] ?? ''}`,
      }),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return [...tags, 'hard', 'easy'].sort();
}

interface Step {
  step: string;
  'wall ms': string;
  'longest task ms': string;
  'long tasks': number;
  'long-task ms total': string;
}
const table: Step[] = [];

/** Waits until no long task has ended for `quietMs` and nothing is marked busy. */
async function settle(page: Page, quietMs = 800): Promise<void> {
  for (;;) {
    const state = await page.evaluate(() => {
      const w = window as unknown as { __long: { start: number; dur: number }[] };
      const last = w.__long.reduce((m, t) => Math.max(m, t.start + t.dur), 0);
      return {
        since: performance.now() - last,
        busy: document.querySelectorAll('[aria-busy="true"]').length,
      };
    });
    if (state.busy === 0 && state.since >= quietMs) return;
    await page.waitForTimeout(100);
  }
}

/** Runs a step: clears the long-task log, acts, waits for `ready` and for the page to settle, records figures. */
async function step(page: Page, name: string, act: () => Promise<void>, ready: () => Promise<void>) {
  await page.evaluate(() => ((window as unknown as { __long: unknown[] }).__long = []));
  const t0 = Date.now();
  await act();
  await ready();
  const wall = Date.now() - t0;
  await settle(page);
  const tasks = await page.evaluate(() => (window as unknown as { __long: { dur: number }[] }).__long);
  const durs = tasks.map((t) => t.dur);
  table.push({
    step: name,
    'wall ms': String(wall),
    'longest task ms': Math.max(0, ...durs).toFixed(0),
    'long tasks': durs.length,
    'long-task ms total': durs.reduce((a, b) => a + b, 0).toFixed(0),
  });
}

const jsonl = join(work, 'big.jsonl');
const tags = writeDataset(jsonl, ITEMS);
const bundle = join(work, 'big.json.gz');
console.log(`building a ${ITEMS}-row project with scripts/make-demo.ts…`);
execFileSync('npx', ['tsx', 'scripts/make-demo.ts', jsonl, bundle], { cwd: root, stdio: 'inherit' });
const served = await buildAndServe({ prefix: 'bench-' });
const { url } = served;
// The preview server looks files up per request, so a bundle copied in after it started is served too.
copyFileSync(bundle, join(served.outDir, 'big.json.gz'));
const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: chromiumPath(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  viewport: { width: 1440, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __long: { start: number; dur: number }[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const slice = page.getByRole('combobox', { name: 'Slice', exact: true });
  const cards = page.locator('tr[data-score="bleu:finetuned"]');

  await step(
    page,
    `open the ${ITEMS}-row bundle, Report (all rows)`,
    () => page.goto(`${url}?bundle=big.json.gz`).then(() => undefined),
    () => cards.waitFor({ timeout: 300_000 }),
  );
  for (const tag of tags.slice(0, 3)) {
    await step(
      page,
      `Report: slice tag: ${tag}`,
      () => slice.selectOption({ label: `tag: ${tag}` }).then(() => undefined),
      async () => {
        await page.waitForFunction(
          (t) => document.querySelector('[data-testid="slice-rows"]')?.textContent?.includes(t),
          `tag: ${tag}`,
          { timeout: 300_000 },
        );
        await cards.waitFor({ timeout: 300_000 });
      },
    );
  }
  await step(
    page,
    'Report: three slices picked in quick succession',
    async () => {
      for (const tag of tags.slice(3, 6)) await slice.selectOption({ label: `tag: ${tag}` });
    },
    () => cards.waitFor({ timeout: 300_000 }),
  );
  await step(
    page,
    'Report: back to all rows',
    () => slice.selectOption({ label: 'All rows' }).then(() => undefined),
    async () => {
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="slice-rows"]')?.textContent?.includes(`${n} of ${n}`),
        ITEMS,
        { timeout: 300_000 },
      );
    },
  );

  await page.evaluate(() => (location.hash = '#/human'));
  await page.getByRole('button', { name: 'Results', exact: true }).waitFor({ timeout: 60_000 });
  await settle(page);
  await step(
    page,
    'Human: switch to Results (2 annotators × all rows)',
    async () => {
      await page.getByRole('button', { name: 'Results', exact: true }).click();
      const reveal = page.getByRole('button', { name: 'Reveal results' });
      if (await reveal.isVisible()) await reveal.click();
    },
    () => page.getByTestId('win-rate').waitFor({ timeout: 300_000 }),
  );
  await step(
    page,
    'Human: Results for one annotator',
    () =>
      page
        .getByLabel('Results annotator')
        .selectOption({ index: 1 })
        .then(() => undefined),
    () => page.getByTestId('win-rate').waitFor({ timeout: 300_000 }),
  );
  await step(
    page,
    'Human: switch to Agreement',
    () => page.getByRole('button', { name: 'Agreement', exact: true }).click(),
    () => page.getByTestId('agreement-percent').waitFor({ timeout: 300_000 }),
  );
  console.log(`items = ${ITEMS}`);
  console.table(table);
} finally {
  await context.close();
  await served.close();
  rmSync(work, { recursive: true, force: true });
}
