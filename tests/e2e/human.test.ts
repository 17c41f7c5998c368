// Human evaluation in real Chromium: a keyboard-only blind pass (choose, undo, skip, reload, resume), a page killed
// mid-pass that loses nothing, export, a second annotator's file imported, and win rate and kappa read from the page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { importSample, storedAnnotations } from './foundation-helpers';

const profileDir = mkdtempSync(join(tmpdir(), 'yardstick-human-'));
let s: BrowserSession;
const url = () => inject('baseUrl');

beforeAll(async () => {
  s = await openBrowser(url(), { profileDir });
});
afterAll(async () => {
  await s?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

const progress = (page: Page) => page.getByRole('status', { name: 'Progress' }).textContent();
const prompt = (page: Page) => page.getByLabel('Prompt', { exact: true }).textContent();

async function expectDone(page: Page, n: number, total = 8): Promise<void> {
  await expect.poll(() => progress(page), { timeout: 15_000 }).toContain(`${n} / ${total} done`);
}

test('a blind keyboard-only pass survives reload and a killed page; a second annotator is merged', async () => {
  let { page } = s;
  await importSample(page, url(), 'finetune-vs-base.jsonl', 60);

  await page.goto(`${url()}#/human`);
  await page.getByLabel('Annotator name').fill('alice');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('button', { name: 'Sessions & files' }).click();
  await page.getByLabel('First system').selectOption('finetuned');
  await page.getByLabel('Second system').selectOption('base');
  await page.getByLabel('Rows', { exact: true }).selectOption('sample');
  await page.getByLabel('Sample size').fill('8');
  await page.getByLabel('Seed').fill('42');
  await page.getByRole('button', { name: 'Create session' }).click();

  // Blind: the item shows "Response A" / "Response B", never a system name as a heading.
  await expectDone(page, 0);
  expect(await page.locator('section[aria-label="Pairwise item"] h3').allTextContents()).toEqual([
    'Prompt',
    'Response A',
    'Response B',
  ]);
  await expect.poll(() => page.getByText('A better').count()).toBeGreaterThan(0); // key hints on screen

  const first = await prompt(page);
  await page.keyboard.press('a');
  await expectDone(page, 1);
  await page.keyboard.press('b');
  await expectDone(page, 2);
  await page.keyboard.press('u'); // undo "b": item 2 is current again
  await expectDone(page, 1);
  await page.keyboard.press('b');
  await expectDone(page, 2);
  await page.keyboard.press('s');
  await expectDone(page, 3);
  await page.keyboard.press('t');
  await expectDone(page, 4);
  const fifth = await prompt(page);
  expect(fifth).not.toBe(first);

  // Reload: resume exactly at item 5.
  await page.reload();
  await expectDone(page, 4);
  expect(await prompt(page)).toBe(fifth);

  // Answer item 5, then kill the browser without any goodbye and reopen the same profile.
  await page.keyboard.press('x');
  await expectDone(page, 5);
  await s.context.close();
  s = await openBrowser(url(), { profileDir });
  page = s.page;
  await page.goto(`${url()}#/human`);
  await expectDone(page, 5);
  const stored = await storedAnnotations(page);
  expect(stored.map((a) => a.value.choice)).toEqual(['A', 'B', 'skip', 'tie', 'both-bad']);
  expect(stored.every((a) => a.annotator === 'alice' && typeof a.value.seed === 'number')).toBe(true);

  // Keys pressed while an answer is being saved are ignored (never applied to the next item), so wait per key.
  for (const [i, key] of ['a', 'b', 'a'].entries()) {
    await page.keyboard.press(key);
    if (i < 2) await expectDone(page, 6 + i);
  }
  await page.getByRole('heading', { name: 'Pass complete' }).waitFor();

  // Export alice's file, turn it into bob's (one answer flipped, the skipped item answered), import it.
  await page.getByRole('button', { name: 'Sessions & files' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export annotation file' }).click(),
  ]);
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  const [headerLine, ...lines] = text.trim().split('\n');
  const alice = lines.map(
    (l) =>
      JSON.parse(l) as {
        rowId: string;
        annotator: string;
        value: Record<string, unknown>;
        createdAt: number;
      },
  );
  expect(alice).toHaveLength(8);
  const bob = alice.map((a, i) => {
    const choice = i === 0 ? 'B' : a.value.choice === 'skip' ? 'A' : a.value.choice;
    return { ...a, annotator: 'bob', value: { ...a.value, choice } };
  });
  const header = JSON.parse(headerLine ?? '{}') as Record<string, unknown>;
  const bobFile = [
    JSON.stringify({ ...header, exportedBy: 'bob' }),
    ...bob.map((b) => JSON.stringify(b)),
  ].join('\n');
  await page.getByLabel('Import annotation file').setInputFiles({
    name: 'bob.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from(bobFile),
  });
  await expect
    .poll(() => page.getByTestId('import-report').textContent())
    .toContain('Imported 8 new answers from bob');

  // Independent expectations from the two files: outcome of finetuned per item, pooled win rate, Cohen's kappa.
  const outcome = (v: Record<string, unknown>): string | null => {
    if (v.choice === 'skip') return null;
    if (v.choice === 'tie' || v.choice === 'both-bad') return v.choice;
    const winner = v.choice === 'A' ? v.left : v.right;
    return winner === 'finetuned' ? 'win' : 'loss';
  };
  // Win 1, loss 0; tie and both-bad ½ (both-bad counts as a tie in the win rate, as in Chatbot Arena).
  const score = (o: string) => (o === 'win' ? 1 : o === 'loss' ? 0 : 0.5);
  const itemScores = alice.map((a, i) => {
    const os = [outcome(a.value), outcome(bob[i]?.value ?? {})].filter((o): o is string => o !== null);
    return os.reduce((t, o) => t + score(o), 0) / os.length;
  });
  const winRate = itemScores.reduce((t, x) => t + x, 0) / itemScores.length;
  const pairs = alice
    .map((a, i) => [outcome(a.value), outcome(bob[i]?.value ?? {})] as const)
    .filter((p): p is readonly [string, string] => p[0] !== null && p[1] !== null);
  // Kappa keeps both-bad apart from tie: they are different answers.
  const labels = ['win', 'loss', 'tie', 'both-bad'];
  const po = pairs.filter(([x, y]) => x === y).length / pairs.length;
  const pe = labels.reduce(
    (t, l) =>
      t +
      (pairs.filter(([x]) => x === l).length / pairs.length) *
        (pairs.filter(([, y]) => y === l).length / pairs.length),
    0,
  );
  const kappa = (po - pe) / (1 - pe);

  await page.getByRole('button', { name: 'Results' }).click();
  await expect.poll(() => page.getByTestId('win-rate').textContent()).toBe(`${(winRate * 100).toFixed(1)}%`);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const row = page.getByTestId('cohen-kappa');
  await expect.poll(() => row.textContent()).toContain('alice × bob');
  expect(await row.locator('td').nth(1).textContent()).toBe(kappa.toFixed(3));
  expect(await row.locator('td').nth(2).textContent()).toBe(String(pairs.length));

  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('a Likert pass by keyboard: digits score each dimension of each blind response, Enter submits', async () => {
  // Runs after the pairwise test, on the dataset it imported.
  const { page } = s;
  await page.goto(`${url()}#/human`);
  await page.getByRole('button', { name: 'Sessions & files' }).click();
  await page.getByLabel('Session kind').selectOption('likert');
  await page.getByLabel('Rows', { exact: true }).selectOption('sample');
  await page.getByLabel('Sample size').fill('2');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Create session' }).click();
  await expectDone(page, 0, 2);
  // Level anchors are on screen; responses are labelled by position only.
  expect(await page.locator('section[aria-label="Likert item"] h3').allTextContents()).toEqual([
    'Prompt',
    'Response 1',
    'Response 2',
  ]);
  for (const key of ['5', '4', '3', '2', '2', '1']) await page.keyboard.press(key);
  await expect.poll(() => page.getByText('4: Minor errors').count()).toBe(1);
  await page.keyboard.press('Enter');
  await expectDone(page, 1, 2);
  await page.keyboard.press('s');
  await page.getByRole('heading', { name: 'Pass complete' }).waitFor();
  const stored = (await storedAnnotations(page)).filter((a) => 'scores' in a.value || 'skipped' in a.value);
  expect(stored).toHaveLength(2);
  const scores = stored[0]?.value.scores as Record<string, Record<string, number>>;
  const order = stored[0]?.value.order as string[];
  expect(scores[order[0] ?? '']).toEqual({ helpfulness: 5, correctness: 4, tone: 3 });
  expect(scores[order[1] ?? '']).toEqual({ helpfulness: 2, correctness: 2, tone: 1 });
  expect(stored[1]?.value.skipped).toBe(true);
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
