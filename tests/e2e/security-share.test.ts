// A shared project never chooses where the user's key goes, and opening one changes none of the user's records.
// The user judges two rows of their own project with a key for api.openai.com (mocked with page.route); a bundle
// of that project whose judge run names another host (a mock provider on loopback, standing in for the bundle
// author's server) is opened with ?bundle=URL. The judge page shows that endpoint without adopting it, Resume
// sends nothing until the endpoint is confirmed, and even then the key (bound to api.openai.com) is not sent.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { bundleChecksum } from '../../src/lib/report/bundle/encode';
import type { ProjectBundle } from '../../src/lib/report/bundle/types';
import { startMockLlm, type MockLlm } from '../mock-llm/server';
import { openBrowser, type BrowserSession } from './browser';
import { importSample } from './foundation-helpers';
import { addedRecords, changedRecords, dumpDb } from './idb-dump';
import { startListener, type Listener, type ServedFile } from './listener';

const KEY = 'sk-proj-USER-KEY-7c1d9e0a42b8f3';
let s: BrowserSession;
let attacker: MockLlm;
let host: Listener;
const files: Record<string, ServedFile> = {};
const openaiAuth: (string | null)[] = [];
const url = () => inject('baseUrl');

beforeAll(async () => {
  attacker = await startMockLlm();
  host = await startListener(files);
  s = await openBrowser(url());
  await s.context.route(`${attacker.url}/**`, (route) => route.continue());
  await s.context.route(`${host.url}/**`, (route) => route.continue());
  await s.page.route('https://api.openai.com/**', async (route: Route) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type',
    };
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    openaiAuth.push(route.request().headers().authorization ?? null);
    return route.fulfill({
      status: 200,
      headers: cors,
      contentType: 'application/json',
      body: JSON.stringify({
        choices: [{ index: 0, message: { role: 'assistant', content: 'Fine.\nScore: 4' } }],
        usage: { prompt_tokens: 50, completion_tokens: 5 },
      }),
    });
  });
});
afterAll(async () => {
  await s?.close();
  await attacker?.close();
  await host?.close();
});

async function text(page: Page, label: string): Promise<string> {
  return ((await page.getByLabel(label).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Every run of 8 characters of the key found in `text`. */
const keyRuns = (t: string) =>
  Array.from({ length: KEY.length - 7 }, (_, i) => KEY.slice(i, i + 8)).filter((r) => t.includes(r));

test('a shared bundle cannot aim the key at its own host, and opening it leaves the user records identical', async () => {
  const { page } = s;
  await importSample(page, url(), 'finetune-vs-base.jsonl', 60);
  await page.goto(`${url()}#/judge`);
  await page.getByLabel('API key', { exact: true }).fill(KEY);
  await page.getByLabel('API key', { exact: true }).press('Tab');
  // Kept for this tab, so the key is still there when the shared link loads the page again.
  await page.getByLabel('remember for this tab').check();
  await page.getByLabel('Row ids to try').fill('ft-002, ft-003');
  await page.getByRole('button', { name: 'Try on 2 rows' }).click();
  await expect
    .poll(() => text(page, 'Counts'), { timeout: 30_000 })
    .toContain('Done 2 · unparsed 0 · failed 0 · pending 0');
  expect(openaiAuth).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);

  // The bundle author's copy: the same project, its judge run now aimed at the author's host, answers removed.
  await page.goto(`${url()}#/report`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export project bundle' }).click();
  const exported = JSON.parse(
    gunzipSync(readFileSync(await (await download).path())).toString('utf8'),
  ) as ProjectBundle;
  expect(JSON.stringify(exported)).not.toContain(KEY);
  const hostile: ProjectBundle = {
    ...exported,
    project: { ...exported.project, name: 'Totally normal results' },
    judgeRuns: exported.judgeRuns.map((r) => ({
      ...r,
      model: 'attacker-model',
      status: 'paused',
      params: { ...r.params, baseUrl: `${attacker.url}/v1` },
    })),
    judgments: exported.judgments.map((j) => ({
      id: j.id,
      runId: j.runId,
      rowId: j.rowId,
      cacheKey: j.cacheKey,
      ...(j.system !== undefined ? { system: j.system } : {}),
      repeat: j.repeat,
      status: 'pending' as const,
      updatedAt: j.updatedAt,
    })),
  };
  hostile.checksum = bundleChecksum(hostile);
  files['/shared.json.gz'] = { body: gzipSync(JSON.stringify(hostile)), type: 'application/gzip' };

  const before = await dumpDb(page);
  await page.goto(`${url()}?bundle=${encodeURIComponent(`${host.url}/shared.json.gz`)}`);
  await page
    .getByRole('heading', { name: /^Report: Shared: Totally normal results/ })
    .waitFor({ timeout: 60_000 });
  for (const view of ['data', 'metrics', 'human', 'judge']) {
    await page.evaluate((v) => (location.hash = `#/${v}`), view);
    await page.waitForTimeout(400);
  }

  // Shown, not adopted: the user's own connection settings stay; the run's endpoint is named as the bundle's.
  await page.getByLabel('Run endpoint').waitFor();
  expect(await text(page, 'Run endpoint')).toContain(`${attacker.url}/v1`);
  expect(await text(page, 'Run endpoint')).toContain('attacker-model');
  expect(await text(page, 'Run endpoint')).toContain('not by you');
  expect(await page.getByLabel('Base URL').inputValue()).toBe('');
  expect(await page.getByLabel('Model', { exact: true }).inputValue()).toBe('gpt-4o-mini');

  // One click on Resume sends nothing: it asks to confirm the endpoint, and says the key is not for that host.
  await page.getByRole('button', { name: 'Resume (2 left)' }).click();
  const dialog = page.getByRole('region', { name: 'Confirm judge calls' });
  await dialog.waitFor();
  expect(await text(page, 'Judge endpoint')).toContain(`${attacker.url}/v1`);
  expect(await dialog.textContent()).toContain('its author chose this endpoint');
  expect(await dialog.textContent()).toContain('Your key was entered for https://api.openai.com');
  expect(await dialog.getByRole('button', { name: 'Resume' }).isDisabled()).toBe(true);
  await page.waitForTimeout(300);
  expect(attacker.log).toEqual([]);

  // Opening and viewing the share changed no record of the user's; what it added all belongs to the share.
  const opened = await dumpDb(page);
  expect(changedRecords(before, opened)).toEqual([]);
  const added = addedRecords(before, opened);
  expect(added.length).toBeGreaterThan(0);
  for (const a of added) {
    const [store = '', key = ''] = a.split(/ (.*)/s);
    expect(`${key} ${opened[store]?.[key] ?? ''}`, a).toContain(hostile.checksum);
  }

  // Confirmed: the calls go to that host, but without the key (it was entered for api.openai.com only).
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => text(page, 'Counts'), { timeout: 30_000 }).toContain('pending 0');
  expect(attacker.log.length).toBeGreaterThan(0);
  for (const r of attacker.log) {
    expect(r.headers['authorization']).toBeUndefined();
    expect(keyRuns(JSON.stringify(r))).toEqual([]);
  }
  expect(changedRecords(before, await dumpDb(page))).toEqual([]);
  expect(s.external).toEqual([]);
});

test('a key is bound to its origin: another base URL asks for the key again and never receives it', async () => {
  const { page } = s;
  await page.goto(`${url()}#/judge`);
  await page.getByLabel('API key', { exact: true }).waitFor();
  expect(await page.getByLabel('API key', { exact: true }).inputValue()).toBe(KEY);
  await page.getByLabel('Base URL').fill(`${attacker.url}/v1`);
  await expect.poll(() => page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
  expect(await text(page, 'Key origin')).toContain('Your key was entered for https://api.openai.com');
  const sent = attacker.log.length;
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect.poll(() => attacker.log.length).toBe(sent + 1);
  expect(attacker.log[sent]?.headers['authorization']).toBeUndefined();
  // Back on the origin it was entered for, the same key is offered (and sent) again.
  await page.getByLabel('Base URL').fill('');
  await expect.poll(() => page.getByLabel('API key', { exact: true }).inputValue()).toBe(KEY);
  const calls = openaiAuth.length;
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect.poll(() => openaiAuth.length).toBe(calls + 1);
  expect(openaiAuth.at(-1)).toBe(`Bearer ${KEY}`);
  expect(s.external).toEqual([]);
});
