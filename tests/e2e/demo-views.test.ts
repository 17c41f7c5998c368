// The demo project is a real project: every view opens on it without errors and shows the stored evaluation,
// so a visitor can re-run any part of it live.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
  await s.page.goto(`${inject('baseUrl')}?demo`);
  await s.page.getByRole('heading', { name: /^Report: Demo/ }).waitFor({ timeout: 60_000 });
});
afterAll(async () => s?.close());

test('every view opens on the demo project and shows its stored results', async () => {
  const { page } = s;
  const go = async (view: string) => page.getByRole('link', { name: view, exact: true }).click();

  await go('Data');
  await expect.poll(() => page.getByLabel('Matching rows').textContent()).toBe('60 of 60 rows');

  await go('Metrics');
  await expect
    .poll(() => page.getByText(/loaded from storage/).count(), { timeout: 30_000 })
    .toBeGreaterThan(0);

  await go('Perplexity');
  // Both stored runs (references and a system's responses) are listed, each under its own label.
  const models = page.locator('table tr[data-model]');
  await expect.poll(() => models.count(), { timeout: 30_000 }).toBe(2);
  const labels = await models.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-model')));
  expect(new Set(labels).size).toBe(2);

  await go('Human eval');
  await page.getByRole('heading', { name: 'Human evaluation' }).waitFor();

  await go('LLM judge');
  await page.getByRole('heading', { name: 'LLM judge' }).waitFor();

  await go('Report');
  await page.locator('tr[data-score="bleu:finetuned"]').waitFor();

  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
