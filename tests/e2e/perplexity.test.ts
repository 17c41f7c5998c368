// The Perplexity view in real Chromium: the model worker runs transformers.js + ONNX Runtime Web on WASM and on
// (SwiftShader) WebGPU, with the generated models served by the app; numbers are checked against the closed form
// and the float64 reference, results survive a reload, the settings lay out whole at 1280 and 1440 px, and nothing is
// fetched from another host.
import { resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { attnNll, bigramNll, byteIds, relErr } from '../unit/model-reference';

const ROWS = [
  {
    id: 'r1',
    prompt: 'Say the alphabet:',
    references: ['abcdefghijklmnopqrstuvwxyz'],
    responses: { ft: 'abc' },
  },
  {
    id: 'r2',
    prompt: 'Quote:',
    references: ['It is a truth universally acknowledged, ñ€'],
    responses: { ft: 'Pride' },
  },
  { id: 'r3', prompt: 'Count:', references: ['0123456789 9876543210'], responses: { ft: '12' } },
];

const sessions: BrowserSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close();
});

/** Writes a project with one dataset straight into the app's IndexedDB and makes it current. */
async function seed(s: BrowserSession, url: string): Promise<void> {
  await s.page.goto(url);
  await expect.poll(() => s.page.locator('header').count()).toBeGreaterThan(0);
  await s.page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('yardstick');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const now = Date.now();
    const tx = db.transaction(['projects', 'datasets', 'rowPages', 'settings'], 'readwrite');
    tx.objectStore('projects').put({ id: 'p1', name: 'ppl test', createdAt: now, updatedAt: now });
    tx.objectStore('datasets').put({
      id: 'd1',
      projectId: 'p1',
      name: 'rows',
      format: 'generic',
      rowCount: rows.length,
      contentHash: 'hash-1',
      systems: [{ name: 'ft' }],
      tags: [],
      mapping: {},
      createdAt: now,
      updatedAt: now,
    });
    // One page of rows (the stored layout of src/lib/db/rows.ts; three rows fit its first page).
    tx.objectStore('rowPages').put({
      datasetId: 'd1',
      page: 0,
      rows: rows.map((r, idx) => ({ ...r, idx, tags: [], metadata: {} })),
    });
    tx.objectStore('settings').put({ key: 'current', value: { projectId: 'p1', datasetId: 'd1' } });
    await new Promise((res, rej) => {
      tx.oncomplete = res;
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, ROWS);
  // A full load, so the app restores the seeded project as current.
  await s.page.goto(`${url}#/perplexity`);
  await s.page.reload();
}

async function storedScores(
  s: BrowserSession,
): Promise<{ runId: string; rowId: string; value: { tokens: number; nll_sum: number } }[]> {
  return s.page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('yardstick');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = await new Promise<unknown[]>((res) => {
      const req = db.transaction('rowScores').objectStore('rowScores').getAll();
      req.onsuccess = () => res(req.result as unknown[]);
    });
    db.close();
    return all as { runId: string; rowId: string; value: { tokens: number; nll_sum: number } }[];
  });
}

async function runWith(s: BrowserSession, model: string, device: string): Promise<void> {
  const p = s.page;
  await p.evaluate(() => (location.hash = '#/perplexity'));
  await p.getByLabel('Model A model').selectOption(model);
  await p.getByLabel('Device').selectOption(device);
  await p.getByLabel('Max length').fill('16');
  await p.getByLabel('Stride').fill('8');
  await p.getByRole('button', { name: 'Run perplexity' }).click();
  await expect
    .poll(() => p.getByTestId('ppl-status').textContent(), { timeout: 90_000 })
    .toMatch(/done|error/);
  expect(
    await p.locator('[role=alert]').count(),
    await p.locator('[role=alert]').allTextContents().then(String),
  ).toBe(0);
}

describe('perplexity view', () => {
  it('WASM: tiny-bigram matches the closed form, results persist across a reload and resume', async () => {
    const s = await openBrowser(inject('baseUrl'));
    sessions.push(s);
    await seed(s, inject('baseUrl'));
    await runWith(s, 'tiny-bigram', 'wasm');
    await expect
      .poll(() => s.page.getByTestId('ppl-note').allTextContents())
      .toContainEqual(expect.stringMatching(/runs on WASM/));
    const scores = await storedScores(s);
    expect(scores).toHaveLength(3);
    for (const row of ROWS) {
      const got = scores.find((x) => x.rowId === row.id);
      const ids = byteIds(row.references[0] ?? '');
      expect(got?.value.tokens).toBe(ids.length - 1);
      expect(relErr(got?.value.nll_sum ?? NaN, bigramNll(ids))).toBeLessThan(1e-6);
    }
    // r1 is the alphabet: perplexity exactly 2 shows in the per-row table.
    await expect.poll(() => s.page.locator('tr[data-row="r1"] td').first().textContent()).toBe('2.000');
    // Reload: saved results show again; running again reuses every row.
    await s.page.reload();
    await expect
      .poll(() => s.page.locator('table[aria-label="Perplexity results"] tbody tr').count())
      .toBe(1);
    await runWith(s, 'tiny-bigram', 'wasm');
    await expect
      .poll(() => s.page.getByTestId('ppl-note').allTextContents())
      .toContainEqual(expect.stringMatching(/3 rows reused from the saved run, 0 items to score/));
    // Surprisal view of a row.
    await s.page.getByRole('button', { name: 'Show surprisal of r1' }).click();
    await expect.poll(() => s.page.locator('.surprisal .tok').count()).toBe(25);
    expect(s.external).toEqual([]);
  });

  it('a local model folder (tiny-attn files) scores like the float64 reference', async () => {
    const s = sessions[0];
    if (!s) throw new Error('no session');
    const p = s.page;
    await p
      .getByLabel('Model A local model folder')
      .setInputFiles(resolve(import.meta.dirname, '../../public/models/tiny-attn'));
    await p.getByLabel('Device').selectOption('wasm');
    await p.getByLabel('Max length').fill('1024');
    await p.getByLabel('Stride').fill('512');
    await p.getByRole('button', { name: 'Run perplexity' }).click();
    await expect
      .poll(() => p.getByTestId('ppl-status').textContent(), { timeout: 90_000 })
      .toMatch(/done|error/);
    const scores = (await storedScores(s)).filter((x) => x.runId !== undefined);
    const attnRun = scores.filter((x) => x.rowId === 'r2').map((x) => x.value.nll_sum);
    const ids = byteIds(ROWS[1]?.references[0] ?? '');
    expect(attnRun.some((v) => relErr(v, attnNll(ids)) < 1e-6)).toBe(true);
    expect(s.external).toEqual([]);
  });

  it('WebGPU (software adapter): the same numbers as WASM, and the device shown', async () => {
    const s = await openBrowser(inject('baseUrl'), { webgpu: true });
    sessions.push(s);
    await seed(s, inject('baseUrl'));
    await runWith(s, 'tiny-bigram', 'webgpu');
    const notes = await s.page.getByTestId('ppl-note').allTextContents();
    expect(notes.join(' ')).toMatch(/runs on (WEBGPU|WASM)/);
    const scores = await storedScores(s);
    for (const row of ROWS) {
      const got = scores.find((x) => x.rowId === row.id);
      expect(relErr(got?.value.nll_sum ?? NaN, bigramNll(byteIds(row.references[0] ?? '')))).toBeLessThan(
        1e-6,
      );
    }
    expect(notes.join(' ')).toMatch(/runs on WEBGPU/);
    expect(s.external).toEqual([]);
  });

  it.each([1280, 1440])(
    'at %i px every setting shows whole, none overlaps, and the heading sits at the panel top',
    async (width) => {
      const s = await openBrowser(inject('baseUrl'), { viewport: { width, height: 900 } });
      sessions.push(s);
      await seed(s, inject('baseUrl'));
      await s.page.getByLabel('Device').waitFor();
      const m = await s.page.evaluate(() => {
        const labels = Array.from(document.querySelectorAll('main .grid > label'));
        // A control must need no more width than it has, and stay inside its own grid cell (its label).
        const clipped: string[] = [];
        for (const el of Array.from(
          document.querySelectorAll<HTMLElement>('main .grid :is(select, input)'),
        )) {
          const r = el.getBoundingClientRect();
          const cell = el.closest('label')?.getBoundingClientRect();
          el.style.width = 'max-content';
          const needed = el.getBoundingClientRect().width;
          el.style.width = '';
          const outside = !cell || r.left < cell.left - 0.5 || r.right > cell.right + 0.5;
          if (outside || (el.tagName === 'SELECT' && needed > r.width + 0.5))
            clipped.push(el.getAttribute('aria-label') ?? '?');
        }
        const overlaps: string[] = [];
        const boxes = labels.map((l) => ({ l, r: l.getBoundingClientRect() }));
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (x > 0.5 && y > 0.5) overlaps.push(`${a.l.textContent?.trim()} / ${b.l.textContent?.trim()}`);
          }),
        );
        const h = document.querySelector('main h2');
        const panel = h?.closest('.panel');
        const style = panel ? getComputedStyle(panel) : null;
        const inset = style ? parseFloat(style.paddingTop) + parseFloat(style.borderTopWidth) : NaN;
        const gap = (h?.getBoundingClientRect().top ?? NaN) - (panel?.getBoundingClientRect().top ?? NaN);
        return { controls: labels.length, clipped, overlaps, extra: gap - inset };
      });
      expect(m.controls).toBe(10);
      expect(m.clipped).toEqual([]);
      expect(m.overlaps).toEqual([]);
      expect(Math.abs(m.extra)).toBeLessThan(1);
      expect(s.external).toEqual([]);
    },
  );
});
