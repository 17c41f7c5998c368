// Score columns in the Data view, in real Chromium: BLEU computed in the Metrics view becomes a sortable column of
// the virtualised table whose top value equals the largest sentence BLEU computed here in Node with the same
// (default) options; the chosen column and the sort survive a reload.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { importSample } from './foundation-helpers';
import { sentenceBleu } from '../../src/lib/metrics/bleu';
import { defaultMetricsConfig } from '../../src/lib/metrics/run/plan';

let s: BrowserSession;
const url = () => inject('baseUrl');
beforeAll(async () => {
  s = await openBrowser(url());
});
afterAll(async () => s?.close());

// Per-row BLEU in the Metrics view is sacreBLEU's sentence_bleu with the corpus options and effective order on.
const { sentenceEffectiveOrder, ...bleuOptions } = defaultMetricsConfig().bleu;
const sample = readFileSync('static/finetune-vs-base.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; reference: string; finetuned: string });
const bleu = sample.map(
  (r) =>
    sentenceBleu(r.finetuned, [r.reference], { ...bleuOptions, effectiveOrder: sentenceEffectiveOrder })
      .score,
);
const max = Math.max(...bleu);
const min = Math.min(...bleu);
// Stable sort: among equal scores the row imported first comes first.
const firstMaxId = sample[bleu.indexOf(max)]?.id;
const firstMinId = sample[bleu.indexOf(min)]?.id;

const header = (page: Page) => page.getByRole('columnheader', { name: 'BLEU · finetuned' });
const firstRow = (page: Page) => page.locator('[role="row"][aria-rowindex="2"]');

async function firstScore(page: Page): Promise<{ value: number; text: string; id: string }> {
  const cell = firstRow(page).locator('[data-column^="bleu:bleu:finetuned:"]');
  return {
    value: Number(await cell.getAttribute('data-value')),
    text: (await cell.textContent()) ?? '',
    id: (await firstRow(page).locator('.id').textContent()) ?? '',
  };
}

test('a BLEU column from the Metrics view sorts the data table and is remembered across a reload', async () => {
  const { page } = s;
  await importSample(page, url(), 'finetune-vs-base.jsonl', sample.length);

  // Metrics: BLEU only, default options.
  await page.getByRole('link', { name: 'Metrics', exact: true }).click();
  for (const m of ['chrF', 'ROUGE', 'Exact match']) await page.getByLabel(`Run ${m}`).uncheck();
  await page.getByLabel('Run BLEU').check();
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  await expect
    .poll(() => page.getByTestId('run-summary').textContent(), { timeout: 60_000 })
    .toContain('2 computed');

  // Data: the picker lists both stored runs; add the finetuned one.
  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByRole('button', { name: /^Scores/ }).click();
  const picker = page.getByRole('group', { name: 'Score columns' });
  await expect.poll(() => picker.getByRole('checkbox').count()).toBe(2);
  await picker.getByLabel('BLEU · base').waitFor();
  await picker.getByLabel('BLEU · finetuned').check();
  await header(page).waitFor();
  expect(await header(page).getAttribute('aria-sort')).toBe('none');
  await page.keyboard.press('Escape');

  // Keyboard: the header is a button; Enter sorts ascending, a click then descending.
  const sortButton = header(page).getByRole('button', { name: 'BLEU · finetuned' });
  await sortButton.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => header(page).getAttribute('aria-sort')).toBe('ascending');
  await expect.poll(async () => (await firstScore(page)).value).toBe(min);
  expect((await firstScore(page)).id).toBe(firstMinId);

  await sortButton.click();
  await expect.poll(() => header(page).getAttribute('aria-sort')).toBe('descending');
  await expect.poll(async () => (await firstScore(page)).value).toBe(max);
  const top = await firstScore(page);
  expect(top.text).toBe(max.toFixed(2));
  expect(top.id).toBe(firstMaxId);
  // Only the visible window of rows is in the DOM.
  expect(await page.locator('[role="row"][aria-rowindex]').count()).toBeLessThan(sample.length + 1);

  // Reload: the column and its sort come back from the settings table.
  await page.reload();
  await header(page).waitFor({ timeout: 30_000 });
  await expect.poll(() => header(page).getAttribute('aria-sort')).toBe('descending');
  await expect.poll(async () => (await firstScore(page)).value).toBe(max);
  expect(await page.getByRole('button', { name: /^Scores/ }).textContent()).toBe('Scores (1)');

  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});

/** Stored perplexity row values by row id, read with the raw IndexedDB API (no app code). */
async function storedPerplexityRows(
  page: Page,
): Promise<Record<string, { tokens: number; nll_sum: number }>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open('yardstick');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(new Error(String(req.error)));
    });
    const all = await new Promise<unknown[]>((res) => {
      const req = db.transaction('rowScores').objectStore('rowScores').getAll();
      req.onsuccess = () => res(req.result as unknown[]);
    });
    db.close();
    const out: Record<string, { tokens: number; nll_sum: number }> = {};
    for (const r of all as { runId: string; rowId: string; value: { tokens: number; nll_sum: number } }[])
      if (r.runId.startsWith('ppl-')) out[r.rowId] = r.value;
    return out;
  });
}

test('a perplexity run adds a "Perplexity · model · field" column holding exp(nll_sum / tokens) per row', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Perplexity', exact: true }).click();
  await page.getByLabel('Model A model').selectOption('demo-bigram');
  await page.getByLabel('Device').selectOption('wasm');
  await page.getByRole('button', { name: 'Run perplexity' }).click();
  await expect
    .poll(() => page.getByTestId('ppl-status').textContent(), { timeout: 90_000 })
    .toMatch(/done|error/);
  expect(await page.getByTestId('ppl-status').textContent()).toMatch(/done/);
  const stored = await storedPerplexityRows(page);
  expect(Object.keys(stored)).toHaveLength(sample.length);

  await page.getByRole('link', { name: 'Data', exact: true }).click();
  await page.getByRole('button', { name: /^Scores/ }).click();
  await page
    .getByRole('group', { name: 'Score columns' })
    .getByLabel('Perplexity · demo-bigram · reference')
    .check();
  await page.keyboard.press('Escape');
  const ppl = page.getByRole('columnheader', { name: 'Perplexity · demo-bigram · reference' });
  await ppl.waitFor();
  // The BLEU column chosen before is still there, first; the new one follows it.
  const headers = await page.locator('[role="columnheader"] button').allTextContents();
  expect(headers.slice(-2).map((h) => h.replace(/[▲▼]/g, ''))).toEqual([
    'BLEU · finetuned',
    'Perplexity · demo-bigram · reference',
  ]);
  // Sorting by perplexity replaces the BLEU sort: ascending puts the least perplexing reference first.
  await ppl.getByRole('button').click();
  await expect.poll(() => ppl.getAttribute('aria-sort')).toBe('ascending');
  expect(await header(page).getAttribute('aria-sort')).toBe('none');
  // A row with no scored token has no perplexity (a missing cell), as in the Perplexity view.
  const expected = Object.entries(stored)
    .filter(([, v]) => v.tokens > 0)
    .map(([id, v]) => [id, Math.exp(v.nll_sum / v.tokens)] as const);
  const lowest = Math.min(...expected.map(([, p]) => p));
  const cell = firstRow(page).locator('[data-column^="perplexity:"]');
  await expect.poll(async () => Number(await cell.getAttribute('data-value'))).toBe(lowest);
  const id = (await firstRow(page).locator('.id').textContent()) ?? '';
  expect(expected.find(([rowId]) => rowId === id)?.[1]).toBe(lowest);

  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
