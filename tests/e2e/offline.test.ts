// Offline support and cross-origin isolation on a real production build. The shared global setup builds under
// NODE_ENV=test, where the app never registers its service worker (src/lib/state/share-offline.svelte.ts checks
// import.meta.env.PROD), so this file builds a second copy with NODE_ENV=production into its own temp folder and
// serves it from the same sub-path twice: as a plain static host, and as a host that sends COOP/COEP itself.
// Checks: the app registers sw.js by itself; offline reloads show the app and the demo report; a new deploy is seen
// at once; the isolation opt-in gives crossOriginIsolated pages and workers where tiny-bigram scores the same
// closed-form perplexity as without; nested workers, cross-origin CORS fetches (a ?bundle= host, a judge provider) and
// PNG downloads still work; no request leaves the local servers.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { importAndOpen, jsonlFile, pickFile } from './foundation-helpers';
import { SUB_PATH } from './global-setup';
import { buildApp, serveBuild, type Served } from './serve';
import { bigramNll, byteIds, relErr } from '../unit/model-reference';
import { startMockLlm } from '../mock-llm/server';

const COI_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const ROWS = [
  { id: 'r1', prompt: 'Say the alphabet:', reference: 'abcdefghijklmnopqrstuvwxyz', response: 'a' },
  { id: 'r2', prompt: 'Quote:', reference: 'It is a truth universally acknowledged, ñ€', response: 'b' },
];

let outDir = '';
const servers: Served[] = [];
const sessions: BrowserSession[] = [];

async function serve(headers?: Record<string, string>): Promise<string> {
  const server = await serveBuild(outDir, { subPath: SUB_PATH, ...(headers ? { headers } : {}) });
  servers.push(server);
  return server.url;
}

async function session(url: string): Promise<BrowserSession> {
  const s = await openBrowser(url);
  sessions.push(s);
  return s;
}

let plainUrl = '';
let coiUrl = '';
beforeAll(async () => {
  outDir = await buildApp({ env: { NODE_ENV: 'production' }, prefix: 'dist-prod-' });
  plainUrl = await serve();
  coiUrl = await serve(COI_HEADERS);
});

afterAll(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const server of servers.splice(0)) await server.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const controlled = (page: Page) => page.evaluate(() => navigator.serviceWorker.controller !== null);
const isolatedPage = (page: Page) => page.evaluate(() => crossOriginIsolated);

/** Imports the rows through the start screen (the app's own import), which opens the new dataset. */
async function seed(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Yardstick' }).click();
  await pickFile(page, jsonlFile('isolation.jsonl', ROWS));
  await importAndOpen(page, ROWS.length);
}

/** Stored per-row perplexity results ({tokens, nll_sum} by row id); `clear` deletes every run first. */
async function storedScores(
  page: Page,
  clear = false,
): Promise<Record<string, { tokens: number; nll_sum: number }>> {
  return page.evaluate(async (clearFirst) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('yardstick');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['runs', 'rowScores'], 'readwrite');
    const all = await new Promise<{ rowId: string; value: { tokens: number; nll_sum: number } }[]>((res) => {
      const req = tx.objectStore('rowScores').getAll();
      req.onsuccess = () =>
        res(req.result as { rowId: string; value: { tokens: number; nll_sum: number } }[]);
    });
    if (clearFirst) {
      tx.objectStore('runs').clear();
      tx.objectStore('rowScores').clear();
    }
    await new Promise((res) => (tx.oncomplete = res));
    db.close();
    return Object.fromEntries(all.map((x) => [x.rowId, x.value]));
  }, clear);
}

async function runBigram(page: Page): Promise<void> {
  await page.getByLabel('Model A model').selectOption('tiny-bigram');
  await page.getByLabel('Device').selectOption('wasm');
  await page.getByLabel('Max length').fill('16');
  await page.getByLabel('Stride').fill('8');
  await page.getByRole('button', { name: 'Run perplexity' }).click();
  await expect
    .poll(() => page.getByTestId('ppl-status').textContent(), { timeout: 90_000 })
    .toMatch(/done|error/);
  expect(await page.locator('[role=alert]').allTextContents()).toEqual([]);
}

const status = (page: Page) => page.getByTestId('isolation-status').textContent();
const optIn = (page: Page) =>
  page.getByRole('checkbox', { name: 'Multi-threaded WASM: serve this app cross-origin isolated' });

describe('production build: offline service worker and cross-origin isolation', () => {
  it('registers sw.js by itself, works offline, and sees a new deploy at once', async () => {
    const s = await session(plainUrl);
    await s.page.goto(`${plainUrl}?demo`);
    await s.page.getByRole('heading', { name: /^Report: Demo/ }).waitFor({ timeout: 60_000 });
    await s.page.locator('tr[data-score="bleu:finetuned"]').waitFor();
    const demo = await s.page.locator('tr[data-score="bleu:finetuned"] .value').textContent();
    // Nobody registered it by hand: the app did, next to index.html, scoped to the sub-path.
    await expect.poll(() => controlled(s.page), { timeout: 60_000 }).toBe(true);
    const reg = await s.page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { scope: r?.scope, script: r?.active?.scriptURL };
    });
    expect(reg).toEqual({ scope: plainUrl, script: `${plainUrl}sw.js` });

    await s.context.setOffline(true);
    await s.page.reload();
    await expect.poll(() => s.page.locator('header .brand').textContent()).toBe('Yardstick');
    await s.page.locator('tr[data-score="bleu:finetuned"]').waitFor();
    expect(await s.page.locator('tr[data-score="bleu:finetuned"] .value').textContent()).toBe(demo);
    await s.context.setOffline(false);

    // A new deploy (here: a changed index.html) shows on the next online load; navigations are network first.
    const index = join(outDir, 'index.html');
    const original = readFileSync(index, 'utf8');
    writeFileSync(index, original.replace(/<title>[^<]*<\/title>/, '<title>Yardstick redeployed</title>'));
    try {
      await s.page.reload();
      await expect.poll(() => s.page.title()).toBe('Yardstick redeployed');
    } finally {
      writeFileSync(index, original);
    }
    expect(s.external).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('the isolation opt-in gives crossOriginIsolated pages and workers, and tiny-bigram scores the same', async () => {
    const s = await session(plainUrl);
    const p = s.page;
    await p.goto(plainUrl);
    await expect.poll(() => controlled(p), { timeout: 60_000 }).toBe(true);
    await seed(p);
    await p.goto(`${plainUrl}#/perplexity`);
    await p.reload();
    const cores = await p.evaluate(() => navigator.hardwareConcurrency);
    await expect.poll(() => status(p)).toMatch(/Cross-origin isolated: no · ONNX Runtime WASM threads: 1/);
    expect(await isolatedPage(p)).toBe(false);

    await runBigram(p);
    const plain = await storedScores(p, true);
    for (const row of ROWS) {
      const ids = byteIds(row.reference);
      expect(plain[row.id]?.tokens).toBe(ids.length - 1);
      expect(relErr(plain[row.id]?.nll_sum ?? NaN, bigramNll(ids))).toBeLessThan(1e-6);
    }

    // Opt in, reload: the service worker serves the page and its workers with COOP/COEP.
    await optIn(p).check();
    await p.getByRole('button', { name: 'Reload to apply' }).click();
    await expect.poll(() => isolatedPage(p), { timeout: 30_000 }).toBe(true);
    // ORT's rule (onnxruntime-web backend-wasm.ts): min(4, ceil(hardwareConcurrency / 2)) once isolated.
    const threads = Math.min(4, Math.ceil(cores / 2));
    await expect
      .poll(() => status(p))
      .toMatch(
        new RegExp(
          `Cross-origin isolated: yes \\(by the service worker\\) · ONNX Runtime WASM threads: ${threads}`,
        ),
      );
    expect(await optIn(p).isChecked()).toBe(true);
    await expect.poll(() => p.locator('table[aria-label="Perplexity results"] tbody tr').count()).toBe(0);

    await runBigram(p);
    const isolated = await storedScores(p);
    expect(isolated).toEqual(plain);
    // The model worker ran isolated too (its script came through the service worker with COEP).
    const worker = p.workers().find((w) => w.url().includes('model'));
    expect(
      worker,
      p
        .workers()
        .map((w) => w.url())
        .join(', '),
    ).toBeDefined();
    expect(await worker?.evaluate(() => [crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([
      true,
      'function',
    ]);

    // ORT's WASM threads are workers that the model worker starts (em-pthread). With 2 cores ORT picks 1 thread, so
    // start one the same way here: a same-origin module worker nested in the isolated model worker must get COEP
    // from the service worker too, or it is refused. It answers a protocol request, so it really ran, isolated.
    expect(
      await worker?.evaluate(
        (url) =>
          new Promise<unknown>((done) => {
            const nested = new Worker(url, { type: 'module' });
            nested.onmessage = (e: MessageEvent) => done(e.data);
            nested.onerror = () => done('refused');
            nested.postMessage({ type: 'dispose', id: 7 });
          }),
        worker.url(),
      ),
    ).toEqual({ type: 'disposed', id: 7 });
    const blobIsolated = await worker?.evaluate(
      () =>
        new Promise<unknown>((done) => {
          const src = 'postMessage(crossOriginIsolated)';
          const nested = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          nested.onmessage = (e: MessageEvent) => done(e.data);
          nested.onerror = () => done('refused');
        }),
    );
    expect(blobIsolated).toBe(true);

    // The histogram's PNG download (canvas → blob: URL → <a download>) still works under COEP.
    const [png] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'Download “Per-row token perplexity” as PNG' }).click(),
    ]);
    const file = join(outDir, 'isolated.png');
    await png.saveAs(file);
    expect([...readFileSync(file).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    // The judge's provider calls are CORS fetches (POST with an Authorization preflight): a local OpenAI-compatible
    // provider on another origin (allowed by the CSP's http://127.0.0.1:*) answers the connection test while isolated.
    const llm = await startMockLlm();
    try {
      await s.context.route(`${llm.url}/**`, (route) => route.continue());
      await p.evaluate(() => (location.hash = '#/judge'));
      await p.getByLabel('Provider').selectOption('openai');
      await p.getByLabel('Base URL').fill(`${llm.url}/v1`);
      await p.getByLabel('Model', { exact: true }).fill('judge-model');
      await p.getByLabel('API key', { exact: true }).fill('sk-isolated');
      await p.getByLabel('API key', { exact: true }).press('Tab');
      await p.getByRole('button', { name: 'Test connection' }).click();
      await expect
        .poll(() => p.getByRole('status', { name: 'Connection result' }).textContent())
        .toContain('Connected');
      expect(llm.log[0]?.headers['authorization']).toBe('Bearer sk-isolated');
      expect(await isolatedPage(p)).toBe(true);
    } finally {
      await llm.close();
    }

    // A cross-origin ?bundle= fetch (CORS) still works from an isolated page: the demo bundle from the other server.
    const demoAsset = await p.evaluate(async () => {
      const m = (await (await fetch('asset-manifest.json')).json()) as Record<string, { file?: string }>;
      return Object.values(m).find((e) => e.file?.includes('demo-project'))?.file ?? '';
    });
    expect(demoAsset).not.toBe('');
    await s.context.route(`${new URL(coiUrl).origin}/**`, (route) => route.continue());
    await p.goto(`${plainUrl}?bundle=${encodeURIComponent(`${coiUrl}${demoAsset}`)}`);
    await p.getByRole('heading', { name: /^Report: Shared: Demo/ }).waitFor({ timeout: 60_000 });
    expect(await isolatedPage(p)).toBe(true);

    // Opting out again gives a plain page on the next load (back on the seeded dataset first).
    await seed(p);
    await p.goto(`${plainUrl}#/perplexity`);
    await p.reload();
    await expect.poll(() => optIn(p).isChecked()).toBe(true);
    await optIn(p).uncheck();
    await p.getByRole('button', { name: 'Reload to apply' }).click();
    await expect.poll(() => isolatedPage(p), { timeout: 30_000 }).toBe(false);
    expect(s.external).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('a host that sends COOP/COEP itself: isolated without the opt-in, nothing to turn on', async () => {
    const s = await session(coiUrl);
    await s.page.goto(`${coiUrl}#/perplexity`);
    await expect.poll(() => controlled(s.page), { timeout: 60_000 }).toBe(true);
    await s.page.reload();
    expect(await isolatedPage(s.page)).toBe(true);
    await seed(s.page);
    await s.page.evaluate(() => (location.hash = '#/perplexity'));
    await expect
      .poll(() => status(s.page))
      .toMatch(/Cross-origin isolated: yes \(the host sends COOP\/COEP\)/);
    expect(await optIn(s.page).count()).toBe(0);
    expect(s.external).toEqual([]);
    expect(s.errors).toEqual([]);
  });

  it('the shared test build never registers a service worker, so other browser tests see no cached build', async () => {
    const s = await session(inject('baseUrl'));
    await s.page.goto(inject('baseUrl'));
    await s.page.locator('header .brand').waitFor();
    await s.page.waitForLoadState('load');
    // Registration would follow the load event; give it the time the production build needs.
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      await s.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)),
    ).toBe(0);
    expect(await controlled(s.page)).toBe(false);
  });
});
