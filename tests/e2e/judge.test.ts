// The LLM judge in real Chromium with api.openai.com mocked by page.route: CSP in place, connection test, a try on
// a few rows with an unparsed answer in the bucket, a 429 retried, a full run reloaded mid-way and resumed without
// re-asking answered rows, the budget cap stopping a run, and the key absent from IndexedDB, web storage, the DOM
// and the exported project bundle.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { dumpDb } from './idb-dump';
import { importSample } from './foundation-helpers';

const KEY = 'sk-proj-E2E-SECRET-5b9f0c2d7a41';
const profileDir = mkdtempSync(join(tmpdir(), 'yardstick-judge-'));
let s: BrowserSession;
const url = () => inject('baseUrl');
const sampleRows = readFileSync(resolve(import.meta.dirname, '../../static/finetune-vs-base.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; prompt: string });

beforeAll(async () => {
  s = await openBrowser(url(), { profileDir });
});
afterAll(async () => {
  await s?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

interface Mock {
  requests: { user: string; auth: string | null }[];
  latencyMs: number;
  fail429Once: boolean;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
};

async function installMock(page: Page, mock: Mock): Promise<void> {
  await page.route('https://api.openai.com/**', async (route: Route) => {
    const req = route.request();
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    const body = req.postDataJSON() as { messages: { role: string; content: string }[] };
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    mock.requests.push({ user, auth: req.headers().authorization ?? null });
    if (mock.fail429Once) {
      mock.fail429Once = false;
      return route.fulfill({
        status: 429,
        headers: CORS,
        contentType: 'application/json',
        body: '{"error":{"message":"Rate limit reached"}}',
      });
    }
    await new Promise((r) => setTimeout(r, mock.latencyMs));
    const row = sampleRows.find((r) => user.includes(r.prompt));
    // One row always gets a truncated answer: it must land in the unparsed bucket, never as a score.
    const text =
      row?.id === 'ft-001'
        ? 'The answer is correct and polite. Score:'
        : `Reasonable answer.\nScore: ${((row?.id.length ?? 0) % 5) + 1}`;
    const payload = {
      id: 'chatcmpl-x',
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text } }],
      usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
    };
    try {
      await route.fulfill({
        status: 200,
        headers: CORS,
        contentType: 'application/json',
        body: JSON.stringify(payload),
      });
    } catch {
      // The page reloaded while this answer was in flight.
    }
  });
}

/** Every record of every IndexedDB store, as JSON text. */
async function dumpIndexedDb(page: Page): Promise<string> {
  return JSON.stringify(await dumpDb(page));
}

async function judgments(
  page: Page,
): Promise<{ runId: string; rowId: string; status: string; score?: number }[]> {
  return Object.values((await dumpDb(page))['judgments'] ?? {}).map((v) => JSON.parse(v)) as {
    runId: string;
    rowId: string;
    status: string;
    score?: number;
  }[];
}

/** A locator's text with whitespace collapsed (templates wrap lines). */
async function text(page: Page, label: string): Promise<string> {
  return ((await page.getByLabel(label).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function enterKey(page: Page): Promise<void> {
  await page.getByLabel('API key', { exact: true }).fill(KEY);
  await page.getByLabel('API key', { exact: true }).press('Tab');
}

test('rubric try, retries, reload and resume, budget cap, and the key stored nowhere', async () => {
  const { page } = s;
  const mock: Mock = { requests: [], latencyMs: 30, fail429Once: false };
  await installMock(page, mock);
  await importSample(page, url(), 'finetune-vs-base.jsonl', 60);
  await page.goto(`${url()}#/judge`);
  await page.getByLabel('API key', { exact: true }).waitFor();

  // The CSP limits connect-src; a request elsewhere is refused by the browser itself.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain('connect-src');
  expect(csp).toContain('https://api.openai.com');
  expect(csp).toContain('https://*.hf.co');
  const blocked = await page.evaluate(async () => {
    const seen = new Promise<string>((r) =>
      document.addEventListener('securitypolicyviolation', (e) => r(e.violatedDirective), { once: true }),
    );
    await fetch('https://not-allowed.example.net/x').catch(() => undefined);
    return seen;
  });
  expect(blocked).toContain('connect-src');

  await enterKey(page);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect
    .poll(() => page.getByRole('status', { name: 'Connection result' }).textContent())
    .toContain('Connected');
  expect(mock.requests[0]?.auth).toBe(`Bearer ${KEY}`);

  // Try the rubric on 5 rows (ft-001 among them: its truncated answer goes to the unparsed bucket).
  mock.requests.length = 0;
  mock.fail429Once = true;
  await page.getByLabel('Row ids to try').fill('ft-001, ft-002, ft-003, ft-004, ft-005');
  await page.getByRole('button', { name: 'Try on 5 rows' }).click();
  await expect
    .poll(() => text(page, 'Counts'), { timeout: 30_000 })
    .toContain('Done 4 · unparsed 1 · failed 0 · pending 0');
  expect(mock.requests).toHaveLength(6); // five rows plus one retry after the 429
  await expect.poll(() => page.getByLabel('Unparsed answers').textContent()).toContain('ft-001');
  const tryJ = await judgments(page);
  expect(tryJ.filter((j) => j.rowId === 'ft-001').every((j) => j.score === undefined)).toBe(true);

  // A full run, reloaded mid-way, then resumed: rows answered before the reload are never asked again.
  mock.requests.length = 0;
  mock.latencyMs = 150;
  await page.getByRole('button', { name: 'Run on all rows' }).click();
  await expect
    .poll(async () => (await judgments(page)).filter((j) => j.status !== 'pending').length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(5 + 12);
  const before = await judgments(page);
  const fullRunId = before.find((j) => before.filter((k) => k.runId === j.runId).length === 60)?.runId;
  expect(fullRunId).toBeDefined();
  const doneBefore = new Set(
    before.filter((j) => j.runId === fullRunId && j.status !== 'pending').map((j) => j.rowId),
  );
  await page.reload();
  const requestsAtReload = mock.requests.length;
  await page.getByLabel('API key', { exact: true }).waitFor();
  // The key was held in memory only: after a reload it is gone and must be entered again.
  expect(await page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
  await enterKey(page);
  mock.latencyMs = 10;
  await page.getByRole('button', { name: /^Resume \(/ }).click();
  // Calls that were in flight at the reload are asked about first (re-send is the default choice).
  const confirm = page.getByRole('region', { name: 'Confirm judge calls' });
  await confirm.waitFor({ timeout: 3000 }).then(
    () => confirm.getByRole('button', { name: 'Resume' }).click(),
    () => undefined,
  );
  await expect.poll(() => text(page, 'Counts'), { timeout: 60_000 }).toContain('pending 0');
  const after = (await judgments(page)).filter((j) => j.runId === fullRunId);
  expect(after).toHaveLength(60);
  expect(after.filter((j) => j.status === 'done')).toHaveLength(59);
  expect(after.filter((j) => j.status === 'unparsed').map((j) => j.rowId)).toEqual(['ft-001']);
  const resumedPrompts = mock.requests.slice(requestsAtReload).map((r) => r.user);
  for (const rowId of doneBefore) {
    const prompt = sampleRows.find((r) => r.id === rowId)?.prompt ?? '';
    expect(resumedPrompts.filter((u) => u.includes(prompt))).toEqual([]);
  }
  // The five tried rows were answered from the cache in the full run: 60 rows cost 55 + in-flight-at-reload calls.
  expect(mock.requests.length).toBeLessThanOrEqual(55 + 8);

  // Budget cap: $1000 per 1M tokens makes each call ~$0.11 (real) and ≤ $0.81 (worst case); a $1.50 cap stops early.
  await page.getByRole('checkbox', { name: 'finetuned' }).check();
  await page.getByLabel('Input price').fill('1000');
  await page.getByLabel('Input price').press('Tab');
  await page.getByLabel('Output price').fill('1000');
  await page.getByLabel('Output price').press('Tab');
  await page.getByLabel('Budget cap').fill('1.5');
  mock.requests.length = 0;
  await page.getByRole('button', { name: 'Run on all rows' }).click();
  await expect
    .poll(() => text(page, 'Live status'), { timeout: 60_000 })
    .toContain('Stopped at the budget cap');
  expect(mock.requests.length).toBeGreaterThan(0);
  expect(mock.requests.length).toBeLessThan(60);
  const spend = Number((await page.getByLabel('Spend').textContent())?.replace(/[^\d.]/g, ''));
  expect(spend).toBeLessThanOrEqual(1.5);

  // The key is nowhere: IndexedDB, local/session storage (memory mode), the DOM, the exported bundle.
  expect(await dumpIndexedDb(page)).not.toContain(KEY);
  const storage = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(storage).not.toContain(KEY);
  expect(await page.content()).not.toContain(KEY);
  await page.goto(`${url()}#/report`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export project bundle' }).click();
  const file = await (await download).path();
  expect(readFileSync(file).toString('latin1')).not.toContain(KEY);

  expect(s.external).toEqual([]);
});

test('remember for this tab keeps the key in sessionStorage only, and Forget clears it', async () => {
  const { page } = s;
  await page.goto(`${url()}#/judge`);
  await page.getByLabel('API key', { exact: true }).waitFor();
  await enterKey(page);
  await page.getByLabel('remember for this tab').check();
  await expect.poll(() => page.getByText('A remembered key can be read').count()).toBe(1);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(KEY);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(KEY);
  await page.reload();
  await page.getByLabel('API key', { exact: true }).waitFor();
  expect(await page.getByLabel('API key', { exact: true }).inputValue()).toBe(KEY);
  await page.getByRole('button', { name: 'Forget key' }).click();
  expect(
    await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })),
  ).not.toContain(KEY);
  expect(await dumpIndexedDb(page)).not.toContain(KEY);
  expect(s.external).toEqual([]);
});

test('pairwise try in both orders, two rubric versions compared, and a new base URL asks for a reload', async () => {
  const { page } = s;
  const mock: Mock = { requests: [], latencyMs: 5, fail429Once: false };
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // This judge always prefers the first slot: every pair flips with the order, so every item is a tie.
  await page.route('https://api.openai.com/**', async (route: Route) => {
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    mock.requests.push({ user: '', auth: null });
    const body = {
      choices: [{ index: 0, message: { role: 'assistant', content: 'A is better. [[A]]' } }],
      usage: { prompt_tokens: 5, completion_tokens: 3 },
    };
    return route.fulfill({
      status: 200,
      headers: CORS,
      contentType: 'application/json',
      body: JSON.stringify(body),
    });
  });
  await page.goto(`${url()}#/judge`);
  await page.getByLabel('API key', { exact: true }).waitFor();
  await enterKey(page);
  await page.getByLabel('Template', { exact: true }).selectOption('mt-bench-pair');
  await page.getByLabel('Sample size').fill('4');
  await page.getByLabel('Row ids to try').fill('');
  await page.getByRole('button', { name: 'Try on 4 rows' }).click();
  await expect
    .poll(() => text(page, 'Counts'), { timeout: 30_000 })
    .toContain('Done 8 · unparsed 0 · failed 0 · pending 0');
  expect(mock.requests).toHaveLength(8);
  await expect.poll(() => text(page, 'Consistency')).toBe('0.0%');
  await expect.poll(() => text(page, 'Win rate')).toContain('50.0%');
  await expect.poll(() => text(page, 'Reliability verdict')).toContain('Do not trust this judge here');

  // Edit the rubric (a new version), run the same rows again, and compare the two runs side by side.
  const first = await page.getByLabel('Judge run').inputValue();
  await page
    .getByLabel('Rubric template')
    .fill(
      'Which answer is more accurate?\n{prompt}\n[A]\n{response_a}\n[B]\n{response_b}\nAnswer [[A]], [[B]] or [[C]].',
    );
  await page.getByRole('button', { name: 'Try on 4 rows' }).click();
  await expect.poll(() => page.getByLabel('Judge run').inputValue(), { timeout: 30_000 }).not.toBe(first);
  await expect.poll(() => text(page, 'Counts'), { timeout: 30_000 }).toContain('pending 0');
  await page.getByLabel('Compare with', { exact: true }).selectOption(first);
  await expect.poll(() => text(page, 'Comparison summary')).toContain('0 of 8 items changed');
  expect(await page.getByLabel('Saved version').locator('option').allTextContents()).toEqual(
    expect.arrayContaining(['MT-Bench pairwise (A / B / tie) v1', 'MT-Bench pairwise (A / B / tie) v2']),
  );

  // A base URL outside the policy: allowed only after the user adds it and reloads.
  await page.getByLabel('Base URL').fill('https://llm.example.org/v1');
  await page.getByRole('button', { name: 'Allow this endpoint' }).click();
  await page.getByRole('button', { name: 'Reload to apply' }).click();
  await page.getByLabel('API key', { exact: true }).waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain('https://llm.example.org');
  expect(s.external).toEqual([]);
});
