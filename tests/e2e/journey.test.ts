// The whole user story in one fresh browser profile, on the production build served from a sub-path: try the
// bundled sample (fine-tune vs base) → import → Metrics computes BLEU, chrF and ROUGE → Perplexity runs the bundled
// demo bigram on the references (WASM) → a few pairwise items annotated by keyboard → the Report shows the Metrics
// view's BLEU, the Perplexity view's figure and the human win rate with its interval, and a tag slice's BLEU is
// the corpus BLEU of those rows (checked against the Node library). No external request, no console error.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { importSample, storedAnnotations } from './foundation-helpers';
import { corpusBleuSegments, sentenceBleu } from '../../src/lib/metrics';
import { parseDataset, textSource } from '../../src/lib/dataset';

const SAMPLE = 'static/finetune-vs-base.jsonl';
const ITEMS = 6;
/** Keys pressed, one per item: A better, B better, tie, A better, B better, A better. */
const KEYS = ['a', 'b', 't', 'a', 'b', 'a'];

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'), { viewport: { width: 1440, height: 900 } });
});
afterAll(async () => s?.close());

const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

/** Pairwise annotation values as stored in IndexedDB, oldest first (raw API, no app code). */
async function storedVotes(page: Page): Promise<{ choice: string; left: string; right: string }[]> {
  const stored = await storedAnnotations<{ choice: string; left: string; right: string }>(page);
  return stored.map((a) => a.value);
}

/** A summary-card cell's exact value (data-value) and interval, by score and system. */
async function cardCell(page: Page, score: string): Promise<{ value: number; low: number; high: number }> {
  const row = page.locator(`tr[data-score="${score}"]`);
  await row.waitFor();
  const num = async (sel: string, attr: string) => Number(await row.locator(sel).getAttribute(attr));
  return {
    value: await num('.value', 'data-value'),
    low: await num('.ci', 'data-low'),
    high: await num('.ci', 'data-high'),
  };
}

test('sample → metrics → perplexity → human eval → report with the same numbers, and an exact slice BLEU', async () => {
  const { page } = s;

  // Try the bundled sample and import it.
  await importSample(page, inject('baseUrl'), 'finetune-vs-base.jsonl', 60, 60_000);

  // Metrics: BLEU, chrF and ROUGE.
  await go(page, '#/metrics');
  await page.getByLabel('Run Exact match').uncheck();
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  await expect
    .poll(() => page.getByTestId('run-summary').textContent(), { timeout: 90_000 })
    .toContain('6 computed · 0 loaded from storage');
  const metricsBleu: Record<string, number> = {};
  for (const system of ['finetuned', 'base'])
    metricsBleu[system] = Number(
      await page.getByTestId(`corpus-bleu-bleu-${system}`).getAttribute('data-value'),
    );
  expect(metricsBleu['finetuned']).toBeGreaterThan(metricsBleu['base'] ?? Infinity);

  // Perplexity of the references under the bundled demo bigram, on WASM.
  await go(page, '#/perplexity');
  await page.getByLabel('Model A model').selectOption('demo-bigram');
  await page.getByLabel('Device').selectOption('wasm');
  await page.getByLabel('Field to score').selectOption('reference');
  await page.getByRole('button', { name: 'Run perplexity' }).click();
  await expect
    .poll(() => page.getByTestId('ppl-status').textContent(), { timeout: 90_000 })
    .toMatch(/done|error/);
  expect(await page.getByTestId('ppl-status').textContent()).toBe('done');
  const pplText = await page
    .locator('table[aria-label="Perplexity results"] td[data-metric="token_perplexity"]')
    .first()
    .textContent();
  const viewPpl = Number(pplText?.trim().split(/\s+/)[0]);
  expect(viewPpl).toBeGreaterThan(1);

  // Human eval: a seeded sample of six items, answered with the keyboard.
  await go(page, '#/human');
  await page.getByLabel('Annotator name').fill('journey');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('button', { name: 'Sessions & files' }).click();
  await page.getByLabel('First system').selectOption('finetuned');
  await page.getByLabel('Second system').selectOption('base');
  await page.getByLabel('Rows', { exact: true }).selectOption('sample');
  await page.getByLabel('Sample size').fill(String(ITEMS));
  await page.getByLabel('Seed').fill('11');
  await page.getByRole('button', { name: 'Create session' }).click();
  const progress = page.getByRole('status', { name: 'Progress' });
  for (const [i, key] of KEYS.entries()) {
    await expect.poll(() => progress.textContent(), { timeout: 15_000 }).toContain(`${i} / ${ITEMS} done`);
    await page.keyboard.press(key);
  }
  await page.getByRole('heading', { name: 'Pass complete' }).waitFor();
  // The expected win rate from what was stored: A/B name sides, so who won depends on where finetuned was shown.
  const votes = await storedVotes(page);
  expect(votes.map((v) => v.choice)).toEqual(['A', 'B', 'tie', 'A', 'B', 'A']);
  const points = votes.map((v) =>
    v.choice === 'tie' ? 0.5 : (v.choice === 'A' ? v.left : v.right) === 'finetuned' ? 1 : 0,
  );
  const winRate = points.reduce<number>((a, b) => a + b, 0) / points.length;
  await page.getByRole('button', { name: 'Results', exact: true }).click();
  const humanView = await page.getByTestId('win-rate').textContent();

  // Report: the summary cards carry the same numbers.
  await go(page, '#/report');
  await page.getByRole('heading', { name: /^Report: / }).waitFor();
  for (const system of ['finetuned', 'base'])
    expect((await cardCell(page, `bleu:${system}`)).value).toBe(metricsBleu[system]);
  const ppl = await cardCell(page, 'perplexity:reference');
  expect(ppl.value.toFixed(4)).toBe(viewPpl.toFixed(4));
  expect(ppl.low).toBeLessThan(ppl.value);
  expect(ppl.high).toBeGreaterThan(ppl.value);
  const human = await cardCell(page, 'winrate:human:finetuned');
  expect(human.value).toBeCloseTo(winRate, 12);
  expect(human.low).toBeLessThanOrEqual(human.value);
  expect(human.high).toBeGreaterThanOrEqual(human.value);
  expect(human.high - human.low).toBeGreaterThan(0);
  expect(humanView).toContain((winRate * 100).toFixed(1));

  // A tag slice recomputes BLEU as a corpus score over its rows.
  const parsed = await parseDataset(textSource(readFileSync(SAMPLE, 'utf8')), { fileName: SAMPLE });
  const math = parsed.rows.filter((r) => r.tags.includes('math'));
  await page.getByRole('combobox', { name: 'Slice', exact: true }).selectOption({ label: 'tag: math' });
  await expect
    .poll(() => page.getByTestId('slice-rows').textContent())
    .toContain(`${math.length} of 60 rows`);
  for (const system of ['finetuned', 'base']) {
    const expected = corpusBleuSegments(
      math.map((r) => r.responses[system] ?? ''),
      math.map((r) => r.references),
    ).score;
    await expect
      .poll(async () =>
        Number(await page.locator(`tr[data-score="bleu:${system}"] .value`).getAttribute('data-value')),
      )
      .toBeCloseTo(expected, 9);
    expect(await page.locator(`tr[data-score="bleu:${system}"] th`).getAttribute('title')).toMatch(
      /corpus score recomputed on the slice/,
    );
    // …and not the mean of the rows' sentence BLEU (what a slice fell back to before).
    const mean =
      math.reduce((a, r) => a + sentenceBleu(r.responses[system] ?? '', r.references).score, 0) / math.length;
    expect(Math.abs(expected - mean)).toBeGreaterThan(0.01);
  }

  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
