// Markdown never makes the browser fetch anything a response names: media, posters, table backgrounds, srcset,
// CSS url() and images stay inert in every view that shows model text (row details with Markdown on, the report's
// word diffs, human evaluation), checked against a real listener on loopback; images load only after the reader
// clicks "Load images" for that row.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { importAndOpen, jsonlFile, pickFile } from './foundation-helpers';
import { startListener, type Listener } from './listener';

let s: BrowserSession;
let l: Listener;
const url = () => inject('baseUrl');

beforeAll(async () => {
  l = await startListener();
  s = await openBrowser(url());
  // Requests to the listener go through for real (the session's guard aborts every other host).
  await s.context.route(`${l.url}/**`, (route) => route.continue());
});
afterAll(async () => {
  await s?.close();
  await l?.close();
});

/** Hostile HTML, one kind per row, each naming its own path so a hit says which one leaked. */
const payloads = (L: string): Record<string, string> => ({
  'video-poster': `<video poster="${L}/video-poster" controls></video>`,
  'video-src': `<video src="${L}/video-src" preload="auto"></video>`,
  'audio-src': `<audio src="${L}/audio-src" preload="auto" controls></audio>`,
  'source-src': `<video preload="auto"><source src="${L}/source-src" type="video/mp4"></video><audio preload="auto"><source src="${L}/audio-source-src"></audio>`,
  track: `<video><track default src="${L}/track-src"></video>`,
  'table-bg': `<table background="${L}/table-background"><tr><td>x</td></tr></table>`,
  'td-bg': `<table><tr><td background="${L}/td-background">x</td><th background="${L}/th-background">y</th></tr></table>`,
  srcset: `<img srcset="${L}/img-srcset 1x" alt="s"><picture><source srcset="${L}/picture-srcset"><img alt="p"></picture>`,
  'css-url': `<p style="background:url(${L}/css-style-attr)">a</p><div style="background-image: url('${L}/css-div')">b</div><style>body{background:url(${L}/css-style-tag)}</style>`,
  frames: `<iframe src="${L}/iframe"></iframe><object data="${L}/object"></object><embed src="${L}/embed"><input type="image" src="${L}/input-image">`,
  svg: `<svg><image href="${L}/svg-image"></image></svg><math><mi xlink:href="${L}/math"></mi></math>`,
  misc: `<link rel="stylesheet" href="${L}/link-css"><body background="${L}/body-background"><a ping="${L}/ping" href="#x">anchor</a>`,
  img: `An image: <img src="${L}/img-src" alt="pic"> and ![md](${L}/md-image) here.`,
});

const leaked = () => l.hits.map((h) => h.path);

test('no payload reaches the listener in row details, the report diffs or human evaluation', async () => {
  const { page } = s;
  const P = payloads(l.url);
  const rows = Object.entries(P).map(([id, html]) => ({
    id,
    prompt: `Prompt of ${id}: ${html}`,
    reference: `Reference of ${id} ${html}`,
    outputs: { alpha: `Alpha says ${id} ${html}`, beta: `Beta answers ${id} differently ${html}` },
  }));
  await page.goto(url());
  await pickFile(page, jsonlFile('hostile.jsonl', rows));
  await importAndOpen(page, rows.length);

  // Row details with Markdown on: every field of every row is rendered.
  await page.getByLabel('Markdown').check();
  const detail = page.getByRole('region', { name: 'Row detail', exact: true });
  for (const id of Object.keys(P)) {
    await page
      .getByRole('row')
      .filter({ hasText: `Prompt of ${id}:` })
      .click();
    await expect.poll(() => detail.locator('.md').count()).toBe(4);
    await expect.poll(() => detail.textContent()).toContain(`Alpha says ${id}`);
    // Nothing that loads survives, and no attribute names a URL except links.
    expect(
      await detail
        .locator(
          'video, audio, source, track, picture, iframe, object, embed, input, svg, math, link, style, img',
        )
        .count(),
    ).toBe(0);
    expect(
      await detail.locator('.md [src], .md [srcset], .md [poster], .md [background], .md [style]').count(),
    ).toBe(0);
  }
  await page.waitForTimeout(500);
  expect(leaked()).toEqual([]);

  // The report: a comparison of the two systems with the word diff of a row open.
  await page.goto(`${url()}#/metrics`);
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  await expect
    .poll(() => page.getByTestId('run-summary').textContent(), { timeout: 90_000 })
    .toMatch(/computed/);
  await page.goto(`${url()}#/report`);
  const show = page.getByRole('button', { name: /^Show responses of/ });
  await expect.poll(() => show.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  for (let i = 0; i < Math.min(5, await show.count()); i++) {
    await show.nth(i).click();
    await expect.poll(() => page.locator('.diff').count()).toBeGreaterThan(0);
    await show.nth(i).click();
  }
  await page.waitForTimeout(300);
  expect(leaked()).toEqual([]);

  // Human evaluation: a blind pairwise session over every row, stepping through the items.
  await page.goto(`${url()}#/human`);
  await page.getByLabel('Annotator name').fill('eve');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('button', { name: 'Sessions & files' }).click();
  await page.getByLabel('First system').selectOption('alpha');
  await page.getByLabel('Second system').selectOption('beta');
  await page.getByRole('button', { name: 'Create session' }).click();
  const item = page.locator('section[aria-label="Pairwise item"]');
  for (let i = 0; i < rows.length; i++) {
    await expect.poll(() => item.textContent()).toContain('Prompt of');
    await page.keyboard.press('t');
  }
  await page.waitForTimeout(300);
  expect(leaked()).toEqual([]);
  expect(s.external).toEqual([]);
});

test('images load only after "Load images", for that row only', async () => {
  const { page } = s;
  await page.goto(`${url()}#/data`);
  await page.getByLabel('Markdown').check();
  const detail = page.getByRole('region', { name: 'Row detail', exact: true });
  await page.getByRole('row').filter({ hasText: 'Prompt of img:' }).click();
  await expect.poll(() => detail.textContent()).toContain('[image: pic]');
  await page.waitForTimeout(300);
  expect(leaked()).toEqual([]);

  await detail.getByRole('button', { name: 'Load images' }).click();
  await expect.poll(() => detail.locator('img').count()).toBeGreaterThan(0);
  // Only the images, sent without the page's address as referrer; no other payload came along.
  await expect.poll(() => [...new Set(leaked())].sort()).toEqual(['/img-src', '/md-image']);
  expect(l.hits.every((h) => h.headers['referer'] === undefined)).toBe(true);

  // Another row starts without images again.
  l.hits.length = 0;
  await page.getByRole('row').filter({ hasText: 'Prompt of misc:' }).click();
  await page.getByRole('row').filter({ hasText: 'Prompt of img:' }).click();
  await expect.poll(() => detail.textContent()).toContain('[image: pic]');
  expect(await detail.getByRole('button', { name: 'Load images' }).count()).toBe(1);
  expect(s.external).toEqual([]);
});
