// Untrusted model text never executes (plain or Markdown), and a cancelled import leaves no rows. Real Chromium,
// built app, hermetic.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { importAndOpen, jsonlFile, pickFile, storeCounts } from './foundation-helpers';

let s: BrowserSession;
let dir: string;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
  dir = mkdtempSync(join(tmpdir(), 'yardstick-safety-'));
  await s.page.goto(inject('baseUrl'));
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pwned = () => s.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

const payload = [
  'Sure! <script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '[click me](javascript:window.__pwned=1)',
  '<a href="javascript:window.__pwned=1">raw link</a>',
  '<svg onload="window.__pwned=1"></svg><iframe src="javascript:window.__pwned=1"></iframe>',
  '<details open ontoggle="window.__pwned=1">x</details>',
].join('\n\n');

test('a response with script, onerror and javascript: payloads executes nothing, plain or as Markdown', async () => {
  const { page } = s;
  const rows = [
    { id: 'evil', prompt: 'Say hi <script>window.__pwned = 1</script>', response: payload, reference: 'hi' },
    { id: 'calm', prompt: 'Say bye', response: '**bye**', reference: 'bye' },
  ];
  await pickFile(page, jsonlFile('payloads.jsonl', rows));
  await importAndOpen(page, 2);
  await page.getByRole('row').filter({ hasText: 'Say hi' }).click();
  const response = page.getByLabel('Response text of model');
  // Plain text mode: the payload is visible, literally, as text.
  await expect.poll(() => response.textContent()).toContain('<script>window.__pwned = 1</script>');
  expect(await response.textContent()).toContain('<img src=x onerror="window.__pwned = 1">');
  expect(await page.getByLabel('Prompt text').textContent()).toBe(
    'Say hi <script>window.__pwned = 1</script>',
  );

  await page.getByLabel('Markdown').check();
  const detail = page.getByRole('region', { name: 'Row detail', exact: true });
  await expect.poll(() => detail.locator('.md').count()).toBeGreaterThan(0);
  expect(await detail.locator('script, iframe, svg, img, [onerror], [onload], [ontoggle]').count()).toBe(0);
  expect(await detail.locator('a[href^="javascript:" i]').count()).toBe(0);
  await expect.poll(() => detail.textContent()).toContain('click me');
  await detail.getByText('click me').click();
  await detail.getByText('raw link').click();
  await page.waitForTimeout(300);
  expect(await pwned()).toBeUndefined();
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});

test('cancelling a running import removes every row it wrote', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  const before = await storeCounts(page);
  const file = join(dir, 'cancel.jsonl');
  const text = 'y'.repeat(700);
  writeFileSync(
    file,
    Array.from({ length: 60_000 }, (_, i) =>
      JSON.stringify({ id: `c${i}`, prompt: `p${i}`, response: text }),
    ).join('\n'),
  );
  await pickFile(page, file);
  await page.getByRole('button', { name: /^Import/ }).click();
  // Wait until rows are being written, then cancel.
  await expect
    .poll(() => storeCounts(page).then((c) => c['rows'] ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(before['rows'] ?? 0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('Detected format').waitFor();
  await expect.poll(() => storeCounts(page)).toEqual(before);
  expect(s.external).toEqual([]);
});
