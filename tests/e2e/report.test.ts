// The report end to end, on the production build served from a sub-path: open the demo, export its bundle, open
// that bundle in a fresh browser profile via ?bundle= and find the same numbers; a tampered bundle is refused; a
// #share= link opens read-only; the page works offline after the first visit; no request leaves the local server.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { afterEach, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

const sessions: BrowserSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});
async function session(viewport = { width: 1440, height: 900 }): Promise<BrowserSession> {
  const s = await openBrowser(inject('baseUrl'), { viewport });
  sessions.push(s);
  return s;
}

/** Every number of the summary cards, keyed by score and system. */
async function cardNumbers(page: Page): Promise<Record<string, string>> {
  return page.$$eval('tr[data-score]', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-score') ?? '',
        r.querySelector('.value')?.textContent?.trim() ?? '',
      ]),
    ),
  );
}

async function openDemo(page: Page): Promise<Record<string, string>> {
  await page.goto(`${inject('baseUrl')}?demo`);
  await page.getByRole('heading', { name: /^Report: Demo/ }).waitFor({ timeout: 60_000 });
  await page.locator('tr[data-score="bleu:finetuned"]').waitFor();
  return cardNumbers(page);
}

test('demo → export bundle → ?bundle= in a fresh profile shows the same numbers; tampering is refused', async () => {
  const a = await session();
  const numbers = await openDemo(a.page);
  expect(Number(numbers['bleu:finetuned'])).toBeGreaterThan(Number(numbers['bleu:base']));
  expect(numbers['winrate:human:finetuned']).toMatch(/%$/);
  await expect.poll(() => a.page.getByRole('note').first().textContent()).toMatch(/recorded sample/i);

  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Export project bundle' }).click(),
  ]);
  const distDir = inject('distDir');
  const file = join(distDir, 'shared-demo.yardstick.json.gz');
  await download.saveAs(file);
  expect(a.external).toEqual([]);
  expect(a.errors).toEqual([]);

  const b = await session();
  await b.page.goto(`${inject('baseUrl')}?bundle=shared-demo.yardstick.json.gz`);
  await b.page.getByRole('heading', { name: /^Report: Shared: Demo/ }).waitFor({ timeout: 60_000 });
  await b.page.locator('tr[data-score="bleu:finetuned"]').waitFor();
  await expect.poll(() => b.page.getByRole('status').first().textContent()).toMatch(/Read-only/);
  expect(await cardNumbers(b.page)).toEqual(numbers);

  // Change one number inside the bundle without resealing it: restore() must refuse, and nothing is added.
  const json = new TextDecoder().decode(gunzipSync(readFileSync(file)));
  const tampered = json.replace(/"value":(\d)/, (_m, d: string) => `"value":${(Number(d) + 1) % 10}`);
  expect(tampered).not.toBe(json);
  writeFileSync(join(distDir, 'tampered.yardstick.json.gz'), gzipSync(new TextEncoder().encode(tampered)));
  const c = await session();
  await c.page.goto(`${inject('baseUrl')}?bundle=tampered.yardstick.json.gz`);
  await expect
    .poll(() => c.page.getByRole('alert').first().textContent(), { timeout: 30_000 })
    .toMatch(/checksum does not match/);
  expect(await c.page.evaluate(() => indexedDB.databases().then((d) => d.length))).toBeGreaterThanOrEqual(0);
  await c.page.goto(`${inject('baseUrl')}#/`);
  await expect.poll(() => c.page.getByText('Shared: Demo').count()).toBe(0);
  for (const s of [b, c]) {
    expect(s.external).toEqual([]);
    expect(s.errors).toEqual([]);
  }
});

/** Share of canvas pixels that are not background white. */
async function inkShares(page: Page): Promise<number[]> {
  return page.$$eval('figure.chart canvas', (canvases) =>
    canvases.map((cv) => {
      const c = cv as HTMLCanvasElement;
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return 0;
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < px.length; i += 4)
        if ((px[i] ?? 255) + (px[i + 1] ?? 255) + (px[i + 2] ?? 255) < 720) ink++;
      return ink / (px.length / 4);
    }),
  );
}

test.each([
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
])('the report at $width×$height: no overlapping cards or charts, no empty chart', async (viewport) => {
  const s = await session(viewport);
  await openDemo(s.page);
  const charts = s.page.locator('figure.chart canvas');
  await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(4);
  await expect
    .poll(async () => Math.min(...(await inkShares(s.page))), { timeout: 30_000 })
    .toBeGreaterThan(0.005);
  expect(await s.page.locator('figure.chart table.heat').count()).toBe(1);
  const boxes = await s.page.$$eval(
    'article.card, .evidence .grid > .panel, section.compare, section.exports, section.warnings, section.slicebar',
    (els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { name: e.className, x: r.x, y: r.y + scrollY, w: r.width, h: r.height };
      }),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const p = boxes[i];
      const q = boxes[j];
      if (!p || !q) continue;
      const overlap =
        p.x < q.x + q.w - 1 && q.x < p.x + p.w - 1 && p.y < q.y + q.h - 1 && q.y < p.y + p.h - 1;
      expect(overlap, `${p.name} overlaps ${q.name}`).toBe(false);
    }
  // Nothing wider than the viewport (no horizontal scrolling).
  expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    viewport.width,
  );
  await s.page.screenshot({ path: join(inject('distDir'), `report-${viewport.width}.png`), fullPage: true });
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('slices, a bad regex and compare work on the demo', async () => {
  const s = await session();
  await openDemo(s.page);
  const rows = s.page.getByTestId('slice-rows');
  await expect.poll(() => rows.textContent()).toMatch(/60 of 60 rows/);
  await s.page.getByLabel('Regular expression', { exact: true }).fill('(unclosed');
  await s.page.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(() => s.page.getByRole('alert').first().textContent())
    .toMatch(/Invalid regular expression/);
  await s.page.getByLabel('Regular expression', { exact: true }).fill('^sure');
  await s.page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => rows.textContent()).toMatch(/of 60 rows/);
  await s.page.getByRole('combobox', { name: 'Slice', exact: true }).selectOption({ index: 0 });
  await expect.poll(() => s.page.getByTestId('compare-stats').textContent()).toMatch(/paired rows/);
  await s.page
    .getByRole('button', { name: /^Show responses of/ })
    .first()
    .click();
  await expect.poll(() => s.page.locator('.diff').count()).toBe(1);
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('a #share= link opens read-only; a cut link is explained; the app works offline after a visit', async () => {
  const s = await session();
  await openDemo(s.page);
  await s.page.getByRole('checkbox', { name: 'prompts' }).check();
  await s.page.getByRole('checkbox', { name: 'responses' }).check();
  await s.page.getByRole('button', { name: 'Make share link' }).click();
  const link = await s.page.getByLabel('Share link').inputValue();
  expect(link).toContain('#share=');
  const t = await session();
  await t.page.goto(link);
  await t.page.getByRole('heading', { name: /^Report: Shared: Demo/ }).waitFor({ timeout: 60_000 });
  await t.page.locator('tr[data-score="bleu:finetuned"]').waitFor();
  expect(await t.page.locator('td.prompt').first().textContent()).toBe('');
  // A hash-only change does not reload the page: leave it first, as pasting a link into a new tab would.
  await t.page.goto('about:blank');
  await t.page.goto(link.slice(0, link.length - 40));
  await expect.poll(() => t.page.getByRole('alert').first().textContent()).toMatch(/damaged/);

  // Offline: the app registers public/sw.js in production builds (NODE_ENV=production); this harness builds under
  // NODE_ENV=test, so other tests never meet a service worker. Here it is registered as the app would, and once it
  // controls the page a reload without network still shows the app and the report.
  await s.page.evaluate(async () => {
    await navigator.serviceWorker.register('./sw.js', { scope: './' });
    await navigator.serviceWorker.ready;
  });
  await s.page.reload();
  await expect.poll(() => s.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await s.context.setOffline(true);
  await s.page.reload();
  await expect.poll(() => s.page.locator('header .brand').textContent()).toBe('Yardstick');
  await s.page.locator('tr[data-score="bleu:finetuned"]').waitFor();
  await s.context.setOffline(false);
  for (const x of [s, t]) expect(x.external).toEqual([]);
});
