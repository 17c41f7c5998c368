// Real files of the peer tools (tests/fixtures/formats) dropped into the built app in Chromium: each opens as its
// users expect, from the start screen, and a file meant for the other importer is routed there.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { expectRowCount, pickFile } from './foundation-helpers';

const DIR = new URL('../fixtures/formats/', import.meta.url).pathname;
const fixture = (name: string) => ({
  name: name.split('/').pop() ?? name,
  mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json',
  buffer: readFileSync(DIR + name),
});

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
  await s.page.goto(inject('baseUrl'));
});
afterAll(async () => s?.close());

const home = async () => {
  await s.page.goto(inject('baseUrl'));
  await s.page.getByLabel('Choose a dataset file').waitFor();
};

test('lm-eval log-likelihood samples: choices, the argmax answer and full confidence', async () => {
  const { page } = s;
  await pickFile(page, fixture('lm-eval/samples_arc_easy.jsonl'));
  const detected = await page.getByLabel('Detected format').textContent();
  expect(detected).toContain('lm-eval-samples');
  expect(detected).toContain('confidence 100%');
  await page.getByRole('button', { name: /^Import/ }).click();
  await expectRowCount(page, 2);
  await page.getByRole('row').filter({ hasText: 'astronomer' }).click();
  await expect
    .poll(() => page.getByLabel('Response text of model').textContent())
    .toBe('Planetary days will become shorter.');
});

test('MT-Bench: questions, then an answer file joined by question_id', async () => {
  const { page } = s;
  await home();
  await pickFile(page, fixture('mt-bench/question.jsonl'));
  expect(await page.getByLabel('Detected format').textContent()).toContain('mt-bench-questions');
  await page.getByRole('button', { name: /^Import/ }).click();
  await expectRowCount(page, 3);
  await page.getByRole('button', { name: "Add another model's outputs" }).click();
  await page
    .getByLabel("Choose a file with another model's outputs")
    .setInputFiles(fixture('mt-bench/model_answer/vicuna-13b-v1.3.jsonl'));
  await page.getByLabel('Detected format').waitFor();
  await page.getByRole('button', { name: /^Join/ }).click();
  const report = page.getByLabel('Join report');
  await expect
    .poll(() => report.textContent(), { timeout: 30_000 })
    .toContain('Added vicuna-13b-v1.3 to 3 rows');
  await report.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('row').filter({ hasText: 'area of the triangle' }).click();
  await expect
    .poll(() => page.getByLabel('Response text of vicuna-13b-v1.3').textContent())
    .toBe('Area is 3');
});

test('a pretty-printed LLM Comparator file dropped on the start screen opens as a project with its models', async () => {
  const { page } = s;
  await home();
  await page.getByLabel('Choose a dataset file').setInputFiles(fixture('llm-comparator/comparison.json'));
  await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('#/report');
  await expect
    .poll(() => page.locator('main').textContent(), { timeout: 30_000 })
    .toContain('gemma-1.1-7b-it');
  expect(await page.locator('main').textContent()).toContain('gemma-1.0-7b-it');
});

test('AlpacaEval annotations from the start screen show the soft and the discrete win rate, labelled', async () => {
  const { page } = s;
  await home();
  await page.getByLabel('Choose a dataset file').setInputFiles(fixture('alpacaeval/annotations.json'));
  await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('#/report');
  const main = page.locator('main');
  await expect.poll(() => main.textContent(), { timeout: 30_000 }).toContain('win rate (soft, leaderboard)');
  expect(await main.textContent()).toContain('discrete win rate');
});

test('AlpacaEval model_outputs.json given to the Report import is routed to the dataset import', async () => {
  const { page } = s;
  await page
    .getByLabel('Import a project bundle or results')
    .setInputFiles(fixture('alpacaeval/model_outputs.json'));
  await page.getByLabel('Detected format').waitFor();
  expect(await page.getByLabel('Detected format').textContent()).toContain('alpaca');
  await expect
    .poll(() => page.getByLabel('Preview of the first rows').textContent())
    .toContain('my-finetune');
});

test('when no record maps, the mapping screen says why in one sentence', async () => {
  const { page } = s;
  await home();
  const rows = [
    { question: 'q1', choices: [['a'], ['b']], answer: 0 },
    { question: 'q2', choices: [['c'], ['d']], answer: 1 },
  ];
  await pickFile(page, {
    name: 'nested.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
  });
  expect(await page.getByLabel('Detected format').textContent()).toContain('confidence 0%');
  await expect
    .poll(() => page.getByLabel('Why no row maps').textContent())
    .toContain('choices must be a list of texts, but they are a list of lists');
});
