// Metrics view in real Chromium: BLEU, chrF and ROUGE computed in the worker must equal the Node library on the
// same rows; the signature follows the options live; a reload shows the stored runs without recomputing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { corpusBleuSegments } from '../../src/lib/metrics/bleu';
import { corpusChrfSegments } from '../../src/lib/metrics/chrf';
import { scoreRouge, DEFAULT_ROUGE_TYPES } from '../../src/lib/metrics/rouge';
import { ROW_PAGE_SIZE } from '../../src/lib/db/rows';

const N = 240;
const wmt = JSON.parse(readFileSync('tests/fixtures/reference/wmt17_en_de_corpus.json', 'utf8')) as {
  reference: string[];
  systems: Record<string, string[]>;
};
const SYSTEMS = { lium: 'newstest2017.LIUM-NMT.4900.en-de', uedin: 'newstest2017.uedin-nmt.4722.en-de' };
const refs = wmt.reference.slice(0, N);
const hyps: Record<string, string[]> = Object.fromEntries(
  Object.entries(SYSTEMS).map(([name, key]) => [name, (wmt.systems[key] ?? []).slice(0, N)]),
);

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
});
afterAll(async () => s?.close());

/** Writes a project, a dataset and its rows straight into the app's IndexedDB, and makes them current. */
async function seed(page: Page): Promise<void> {
  const rows = refs.map((ref, i) => ({
    idx: i,
    id: `seg-${i + 1}`,
    prompt: '',
    references: [ref],
    responses: { lium: hyps.lium?.[i] ?? '', uedin: hyps.uedin?.[i] ?? '' },
    tags: [i % 2 === 0 ? 'even' : 'odd'],
    metadata: {},
  }));
  // Rows are stored in pages of consecutive rows (src/lib/db/rows.ts).
  const pages = Array.from({ length: Math.ceil(rows.length / ROW_PAGE_SIZE) }, (_, page) => ({
    datasetId: 'ds-e2e',
    page,
    rows: rows.slice(page * ROW_PAGE_SIZE, (page + 1) * ROW_PAGE_SIZE),
  }));
  await page.evaluate(
    async ({ rowCount, pages }) => {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // Let the app create its database first, so its schema (and Dexie's versioning) is in place.
      while (!(await indexedDB.databases()).some((d) => d.name === 'yardstick')) await sleep(50);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('yardstick');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      const now = Date.now();
      const tx = db.transaction(['projects', 'datasets', 'rowPages', 'settings'], 'readwrite');
      tx.objectStore('projects').put({
        id: 'p-e2e',
        name: 'WMT17 sample',
        description: '',
        createdAt: now,
        updatedAt: now,
      });
      tx.objectStore('datasets').put({
        id: 'ds-e2e',
        projectId: 'p-e2e',
        name: 'wmt17-240',
        format: 'generic',
        rowCount,
        contentHash: 'e2e0000000000001',
        systems: [{ name: 'lium' }, { name: 'uedin' }],
        tags: ['even', 'odd'],
        mapping: {},
        createdAt: now,
        updatedAt: now,
      });
      for (const p of pages) tx.objectStore('rowPages').put(p);
      tx.objectStore('settings').put({ key: 'current', value: { projectId: 'p-e2e', datasetId: 'ds-e2e' } });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
      });
      db.close();
    },
    { rowCount: rows.length, pages },
  );
}

const cell = (page: Page, metric: string, key: string, system: string) =>
  page.getByTestId(`corpus-${metric}-${key}-${system}`);

async function corpusValue(page: Page, metric: string, key: string, system: string): Promise<number> {
  return Number(await cell(page, metric, key, system).getAttribute('data-value'));
}

test('BLEU, chrF and ROUGE from the worker equal the Node library; a reload reuses the stored runs', async () => {
  const { page } = s;
  await page.goto(inject('baseUrl'));
  await seed(page);
  await page.goto(`${inject('baseUrl')}#/metrics`);
  await page.reload();
  await page.getByText('wmt17-240').first().waitFor();

  // The signature follows the options as they change.
  await page.getByText('Options').click();
  const bleuSig = page.getByTestId('signature-bleu');
  await expect
    .poll(() => bleuSig.textContent())
    .toBe('nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
  await page.getByLabel('BLEU lowercase').check();
  await expect.poll(() => bleuSig.textContent()).toContain('case:lc');
  await page.getByLabel('BLEU lowercase').uncheck();
  await page.getByLabel('ROUGE Porter stemmer').check();
  await expect.poll(() => page.getByTestId('signature-rouge').textContent()).toContain('stem:yes');

  await page.getByRole('button', { name: 'Compute metrics' }).click();
  const summary = page.getByTestId('run-summary');
  await expect
    .poll(() => summary.textContent(), { timeout: 90_000 })
    .toContain('8 computed · 0 loaded from storage');

  const expected = async (): Promise<void> => {
    for (const system of ['lium', 'uedin']) {
      const h = hyps[system] ?? [];
      const segRefs = refs.map((r) => [r]);
      expect(await corpusValue(page, 'bleu', 'bleu', system)).toBe(corpusBleuSegments(h, segRefs).score);
      expect(await corpusValue(page, 'chrf', 'chrf', system)).toBe(corpusChrfSegments(h, segRefs).score);
      const rouge = h.map((x, i) =>
        scoreRouge(x, [refs[i] ?? ''], { types: DEFAULT_ROUGE_TYPES, useStemmer: true }),
      );
      for (const t of DEFAULT_ROUGE_TYPES) {
        const mean = rouge.reduce((a, r) => a + (r[t]?.fmeasure ?? 0), 0) / rouge.length;
        expect(Math.abs((await corpusValue(page, 'rouge', t, system)) - mean)).toBeLessThan(1e-12);
      }
    }
  };
  await expected();
  expect(await cell(page, 'bleu', 'bleu', 'lium').getAttribute('data-stored')).toBe('false');

  // Paired test between the two systems.
  await page.getByRole('button', { name: 'Run paired test' }).click();
  const paired = page.getByTestId('paired-bleu');
  await paired.waitFor({ timeout: 60_000 });
  const ps = await paired
    .locator('td[data-p]')
    .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-p'))));
  expect(ps).toHaveLength(2);
  for (const p of ps) expect(p > 0 && p <= 1).toBe(true);

  // Per-row scores are sortable.
  await page.getByRole('button', { name: 'Sort by bleu · lium' }).click();
  await expect
    .poll(() => page.getByRole('columnheader', { name: /bleu · lium/ }).getAttribute('aria-sort'))
    .toBe('descending');

  // Reload: the same numbers come back from IndexedDB and nothing is recomputed.
  await page.reload();
  await expect
    .poll(() => summary.textContent(), { timeout: 30_000 })
    .toContain('0 computed · 8 loaded from storage');
  expect(await cell(page, 'bleu', 'bleu', 'lium').getAttribute('data-stored')).toBe('true');
  await expected();

  // Cancel: 200,000 resamples is a new setting, so every run is recomputed, and each job takes long enough that
  // the click lands mid-run on any machine; cancelling stops the worker mid-way.
  await page.getByText('Options').click();
  await page.getByLabel('Bootstrap resamples').fill('200000');
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('group', { name: 'Scoring' }).waitFor({ state: 'detached', timeout: 30_000 });
  expect(await page.getByRole('alert').count()).toBe(0);
  const runsStored = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('yardstick');
        req.onsuccess = () => {
          const c = req.result.transaction('runs').objectStore('runs').count();
          c.onsuccess = () => resolve(c.result);
        };
      }),
  );
  expect(runsStored).toBeGreaterThanOrEqual(8);
  expect(runsStored).toBeLessThan(16);

  // Back to 1,000 resamples: the first runs are found again, nothing is computed.
  await page.getByLabel('Bootstrap resamples').fill('1000');
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  await expect
    .poll(() => summary.textContent(), { timeout: 30_000 })
    .toContain('0 computed · 8 loaded from storage');
  await expected();

  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
