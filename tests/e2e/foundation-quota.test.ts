// A full storage quota: the import fails with a clear message and leaves nothing half-written. The quota is lowered
// with CDP Storage.overrideQuotaForOrigin in a fresh profile before the app first opens its database (Chromium
// keeps the quota an origin's storage saw when it was first used).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { jsonlFile, pickFile, importAndOpen, storeCounts } from './foundation-helpers';

let s: BrowserSession;
let dir: string;
const QUOTA = 2 * 1024 * 1024;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
  dir = mkdtempSync(join(tmpdir(), 'yardstick-quota-'));
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(inject('baseUrl')).origin,
    quotaSize: QUOTA,
  });
  await s.page.goto(inject('baseUrl'));
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Incompressible text: IndexedDB may compress values, and the quota counts what is really stored.
let seed = 7;
const noise = (n: number): string => {
  let out = '';
  while (out.length < n)
    out += ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31).toString(36).slice(2);
  return out.slice(0, n);
};

test('a small import fits under the lowered quota', async () => {
  const rows = Array.from({ length: 20 }, (_, i) => ({
    id: `s${i}`,
    prompt: `small ${i}`,
    response: noise(200),
  }));
  await pickFile(s.page, jsonlFile('small.jsonl', rows));
  await importAndOpen(s.page, 20);
});

test('an import over the quota says storage is full and writes nothing', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  const before = await storeCounts(page);
  expect(before).toMatchObject({ projects: 1, datasets: 1, rows: 20 });
  const file = join(dir, 'big.jsonl');
  const lines = Array.from({ length: 8000 }, (_, i) =>
    JSON.stringify({ id: `r${i}`, prompt: noise(500), response: noise(500) }),
  );
  writeFileSync(file, lines.join('\n'));
  await pickFile(page, file);
  await page.getByRole('button', { name: /^Import/ }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 60_000 });
  expect(await alert.textContent()).toMatch(/Storage is full.*Nothing was saved/);
  await expect.poll(() => storeCounts(page)).toEqual(before);
  // The earlier project is intact and still opens.
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('button', { name: 'Open small' }).click();
  await expect.poll(() => page.getByLabel('Matching rows').textContent()).toBe('20 of 20 rows');
  expect(s.external).toEqual([]);
});
