// The judge against a scripted provider on loopback: a 400 whose body carries a cut copy of the key is shown and
// stored without it; and a reload while calls are in flight says how many may be paid twice, prices them, and
// "skip" sends nothing for those rows (they wait as failed for an explicit retry).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { openBrowser, type BrowserSession } from './browser';
import { importSample } from './foundation-helpers';

const KEY = 'sk-test-LEAK-CAFE1234beef5678xyz';
const profileDir = mkdtempSync(join(tmpdir(), 'yardstick-sec-judge-'));
let s: BrowserSession;
let llm: MockLlm;
const consoleText: string[] = [];
const url = () => inject('baseUrl');

beforeAll(async () => {
  llm = await startMockLlm();
  s = await openBrowser(url(), { profileDir });
  await s.context.route(`${llm.url}/**`, (route) => route.continue());
  s.page.on('console', (m) => consoleText.push(m.text()));
});
afterAll(async () => {
  await s?.close();
  await llm?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

async function text(page: Page, label: string): Promise<string> {
  return ((await page.getByLabel(label).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Every run of 8 characters of the key that occurs in `t` (an independent brute-force check). */
const keyRuns = (t: string) =>
  Array.from({ length: KEY.length - 7 }, (_, i) => KEY.slice(i, i + 8)).filter((r) => t.includes(r));

async function dumpText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open('yardstick');
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction([...db.objectStoreNames], 'readonly');
          const out: unknown[] = [];
          for (const n of db.objectStoreNames) {
            const all = tx.objectStore(n).getAll();
            all.onsuccess = () => out.push(all.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
        };
      }),
  );
}

async function connect(page: Page): Promise<void> {
  await page.getByLabel('Base URL').fill(`${llm.url}/v1`);
  await page.getByLabel('Model', { exact: true }).fill('judge-model');
  await page.getByLabel('API key', { exact: true }).fill(KEY);
  await page.getByLabel('API key', { exact: true }).press('Tab');
}

test('a 400 echoing a cut copy of the key is shown, stored and logged without it', async () => {
  const { page } = s;
  await importSample(page, url(), 'finetune-vs-base.jsonl', 60);
  await page.goto(`${url()}#/judge`);
  await page.getByLabel('API key', { exact: true }).waitFor();
  await connect(page);
  llm.setScript(() => ({
    type: 'status',
    status: 400,
    body: {
      error: {
        message: `Invalid 'messages': unexpected value near …${KEY.slice(0, 15)} (token "${KEY.slice(9, 24)}" rejected)`,
      },
    },
  }));
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByRole('status', { name: 'Connection result' });
  await expect.poll(() => result.textContent()).toContain('The request was rejected (400)');
  expect(await result.textContent()).toContain('unexpected value near');
  expect(await result.textContent()).toContain('[key]');
  // The server really received the key and really echoed parts of it.
  expect(llm.log.at(-1)?.headers['authorization']).toBe(`Bearer ${KEY}`);

  await page.getByLabel('Row ids to try').fill('ft-002, ft-003');
  await page.getByRole('button', { name: 'Try on 2 rows' }).click();
  await expect.poll(() => text(page, 'Counts'), { timeout: 30_000 }).toContain('failed 2 · pending 0');
  await expect.poll(() => page.content()).toContain('unexpected value near');

  expect(keyRuns(await page.content())).toEqual([]);
  expect(keyRuns(await dumpText(page))).toEqual([]);
  expect(keyRuns(consoleText.join('\n'))).toEqual([]);
  expect(s.external).toEqual([]);
});

test('reload with calls in flight: the count and cost are shown, and "skip" sends nothing for those rows', async () => {
  const { page } = s;
  await page.getByLabel('Input price').fill('1000');
  await page.getByLabel('Input price').press('Tab');
  await page.getByLabel('Output price').fill('1000');
  await page.getByLabel('Output price').press('Tab');
  // The first two calls are answered; every later one hangs (sent, never answered), as if the page closed on them.
  const first = llm.log.length;
  llm.setScript((r) =>
    r.index < first + 2 ? { type: 'answer', text: 'Fine.\nScore: 4' } : { type: 'hang' },
  );
  await page.getByLabel('Row ids to try').fill('ft-004, ft-005, ft-006, ft-007, ft-008, ft-009');
  await page.getByRole('button', { name: 'Try on 6 rows' }).click();
  await expect.poll(() => llm.log.length - first, { timeout: 30_000 }).toBe(6);
  await expect
    .poll(() => text(page, 'Counts'), { timeout: 30_000 })
    .toContain('Done 2 · unparsed 0 · failed 0 · pending 4');
  const hanging = llm.log.slice(first + 2).map((r) => r.user);

  await page.reload();
  await page.getByLabel('API key', { exact: true }).waitFor();
  await page.getByLabel('API key', { exact: true }).fill(KEY);
  await page.getByLabel('API key', { exact: true }).press('Tab');
  await page.getByRole('button', { name: 'Resume (4 left)' }).click();
  const dialog = page.getByRole('region', { name: 'Confirm judge calls' });
  await dialog.waitFor();
  expect(await text(page, 'In-flight calls')).toMatch(
    /^4 calls were in flight when the page closed.*pay them twice \(≈\$\d/,
  );
  expect((await dialog.textContent())?.replace(/\s+/g, ' ')).toMatch(/Re-send them: 4 calls, ≈\$[1-9]/);
  expect((await dialog.textContent())?.replace(/\s+/g, ' ')).toContain('0 calls, ≈$0.0000');

  const before = llm.log.length;
  await dialog.getByLabel(/Skip them/).check();
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect
    .poll(() => text(page, 'Counts'), { timeout: 30_000 })
    .toContain('Done 2 · unparsed 0 · failed 4 · pending 0');
  await page.waitForTimeout(500);
  expect(llm.log.length).toBe(before);
  expect(await page.content()).toContain('Skipped on resume');

  // "Retry failed only" is the explicit way to send them again: exactly the four rows that hung.
  llm.setScript(() => ({ type: 'answer', text: 'Fine.\nScore: 5' }));
  await page.getByRole('button', { name: 'Retry failed only (4)' }).click();
  await expect
    .poll(() => text(page, 'Counts'), { timeout: 30_000 })
    .toContain('Done 6 · unparsed 0 · failed 0 · pending 0');
  expect(
    llm.log
      .slice(before)
      .map((r) => r.user)
      .sort(),
  ).toEqual([...hanging].sort());
  expect(s.external).toEqual([]);
});
