// The start screen and import flow in real Chromium, against the built app served from a sub-path.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { expectRowCount, importAndOpen, jsonlFile, pickFile, storeCounts } from './foundation-helpers';

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
  await s.page.goto(inject('baseUrl'));
});
afterAll(async () => s?.close());

const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `q${i}`,
  prompt: `Question number ${i}?`,
  response: `Answer ${i}.`,
  reference: `Gold ${i}.`,
  category: i % 2 ? 'odd' : 'even',
}));

test('picking a file shows the detected format and a preview, then its rows appear', async () => {
  const { page } = s;
  await pickFile(page, jsonlFile('picked.jsonl', rows));
  expect(await page.getByLabel('Detected format').textContent()).toContain('generic');
  await expect
    .poll(() => page.getByLabel('Preview of the first rows').textContent())
    .toContain('Question number 3?');
  await importAndOpen(page, 40);
  await expect.poll(() => page.locator('header').textContent()).toContain('picked');
  await page.getByRole('row').filter({ hasText: 'Question number 7?' }).click();
  await expect.poll(() => page.getByLabel('Response text of model').textContent()).toBe('Answer 7.');
  expect(await storeCounts(page)).toMatchObject({ projects: 1, datasets: 1, rows: 40, stagedImports: 0 });
});

test('search and tag filter narrow the table', async () => {
  const { page } = s;
  await page.getByLabel('Search rows').fill('number 1');
  await expect.poll(() => page.getByLabel('Matching rows').textContent()).toBe('11 of 40 rows');
  await page.getByLabel('Filter by tag').selectOption('odd');
  await expect.poll(() => page.getByLabel('Matching rows').textContent()).toBe('6 of 40 rows');
  await page.getByLabel('Search rows').fill('');
  await page.getByLabel('Filter by tag').selectOption('');
  await expectRowCount(page, 40);
});

test('the table is keyboard reachable: arrow keys move the selection and show the row', async () => {
  const { page } = s;
  const grid = page.getByRole('grid', { name: 'Dataset rows' });
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.getByLabel('Prompt text').textContent()).toBe('Question number 1?');
  await page.keyboard.press('End');
  await expect.poll(() => page.getByLabel('Prompt text').textContent()).toBe('Question number 39?');
  expect(await grid.locator('[aria-selected="true"]').textContent()).toContain('q39');
});

test('after a reload everything is still there', async () => {
  const { page } = s;
  await page.reload();
  await expect.poll(() => page.locator('header').textContent()).toContain('picked');
  await page.getByRole('link', { name: 'Data' }).click();
  await expectRowCount(page, 40);
});

test('dropping a file on the drop zone imports it', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  const text = rows
    .slice(0, 12)
    .map((r) => JSON.stringify({ ...r, prompt: `Dropped ${r.id}` }))
    .join('\n');
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.jsonl', { type: 'application/x-ndjson' }));
    return dt;
  }, text);
  await page.getByLabel('Drop zone').dispatchEvent('drop', { dataTransfer });
  await page.getByLabel('Detected format').waitFor();
  await importAndOpen(page, 12);
  await expect.poll(() => page.locator('header').textContent()).toContain('dropped');
});

test('a broken file lists its bad lines with line numbers; the valid rows import', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  const good = rows.slice(0, 5).map((r) => JSON.stringify(r));
  const lines = [
    good[0],
    '{"id": "x1", "prompt": ',
    good[1],
    '{"id": "q0", "prompt": "dup", "response": "r"}',
    good[2],
    '42',
    good[3],
    good[4],
  ];
  await pickFile(page, {
    name: 'broken.jsonl',
    mimeType: 'text/plain',
    buffer: Buffer.from(lines.join('\n')),
  });
  await page.getByRole('button', { name: /^Import/ }).click();
  const report = page.getByLabel('Validation report');
  await expect.poll(() => report.textContent()).toContain('3 bad lines');
  const text = (await report.locator('tbody').textContent()) ?? '';
  expect(text).toMatch(/^2—.*invalid JSON/);
  expect(text).toContain('4id');
  expect(text).toMatch(/duplicate id "q0"/);
  expect(text).toMatch(/6—Line 6: a row must be a JSON object/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download bad lines' }).click();
  expect((await download).suggestedFilename()).toBe('broken.bad-lines.txt');
  await page.getByRole('button', { name: 'Import 5 valid rows' }).click();
  await expectRowCount(page, 5);
});

test('Try a sample: every bundled sample imports and its rows appear', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  const names = await page
    .getByRole('button', { name: /^Try a sample: / })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(names.length).toBeGreaterThanOrEqual(3);
  for (const name of names) {
    await page.getByRole('link', { name: 'Yardstick' }).click();
    await page.getByRole('button', { name }).click();
    await page.getByLabel('Detected format').waitFor();
    await page.getByRole('button', { name: /^Import/ }).click();
    // Samples may carry deliberate bad lines: keep the valid rows when the report shows up.
    const keep = page.getByRole('button', { name: /^Import [\d,]+ valid rows$/ });
    const matching = page.getByLabel('Matching rows');
    await expect
      .poll(async () => ((await keep.count()) ? 'review' : ((await matching.textContent()) ?? '')), {
        timeout: 30_000,
      })
      .toMatch(/^review$|^([1-9][\d,]*) of \1 rows$/);
    if (await keep.count()) await keep.click();
    await expect
      .poll(() => matching.textContent(), { timeout: 30_000 })
      .toMatch(/^([1-9][\d,]*) of \1 rows$/);
  }
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('pasted text imports like a file', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  await page.getByRole('button', { name: 'Paste text' }).click();
  const text = [
    'question,answer,model_output',
    '"What is 2+2?",4,"4"',
    '"Capital of France?",Paris,"Paris"',
  ].join('\n');
  await page.getByLabel('Pasted dataset text').fill(text);
  await page.getByRole('button', { name: 'Use pasted text' }).click();
  await page.getByLabel('Detected format').waitFor();
  expect(await page.getByLabel('Detected format').textContent()).toContain('CSV');
  await importAndOpen(page, 2);
});

test("another model's outputs join by id, with unmatched rows reported", async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  await pickFile(page, jsonlFile('base.jsonl', rows.slice(0, 10)));
  await importAndOpen(page, 10);
  await page.getByRole('button', { name: "Add another model's outputs" }).click();
  const other = [
    ...rows.slice(0, 6).map((r) => ({ id: r.id, instruction: r.prompt, output: `tuned says ${r.id}` })),
    { id: 'stranger', instruction: 'Unrelated?', output: 'no partner' },
  ];
  await page
    .getByLabel("Choose a file with another model's outputs")
    .setInputFiles(jsonlFile('tuned.jsonl', other));
  await page.getByLabel('Detected format').waitFor();
  // Keeping the detected name clashes with the base model's: the join is refused, nothing changes, and the user
  // goes back to the mapping to name the new system.
  await page.getByLabel('System name 1').fill('model');
  await page.getByRole('button', { name: /^Join/ }).click();
  await expect
    .poll(() => page.getByRole('alert').textContent())
    .toContain('already has responses of "model"');
  await page.getByRole('button', { name: 'Back to the mapping' }).click();
  await page.getByLabel('System name 1').fill('tuned');
  await page.getByRole('button', { name: /^Join/ }).click();
  const report = page.getByLabel('Join report');
  await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain('Added tuned to 6 rows');
  expect(await report.textContent()).toContain('4 dataset rows have no response from the new file');
  expect(await report.textContent()).toContain('1 rows of the new file matched no dataset row');
  await report.getByRole('button', { name: 'Done' }).click();
  await expect
    .poll(() => page.getByLabel('Dataset summary').textContent())
    .toContain('2 systems: model, tuned');
  await page.getByRole('row').filter({ hasText: 'Question number 2?' }).click();
  await expect.poll(() => page.getByLabel('Response text of tuned').textContent()).toBe('tuned says q2');
  await page.reload();
  await expect
    .poll(() => page.getByLabel('Dataset summary').textContent())
    .toContain('2 systems: model, tuned');
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
