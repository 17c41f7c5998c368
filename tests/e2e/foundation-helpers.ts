// Shared steps of the foundation browser tests: import a file through the real UI, and read IndexedDB directly
// (raw API, no app hook) to check what was stored.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Counts records per object store of the app's database, straight from IndexedDB. `rows` counts stored rows: since
 * schema v3 they live in pages (the rowPages store, each record holding `rows`), so their lengths are summed.
 */
export async function storeCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const req = indexedDB.open('yardstick');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const names = ['projects', 'datasets', 'stagedImports'];
          const tx = db.transaction([...names, 'rowPages'], 'readonly');
          const out: Record<string, number> = {};
          for (const n of names) {
            const c = tx.objectStore(n).count();
            c.onsuccess = () => (out[n] = c.result);
          }
          out['rows'] = 0;
          const pages = tx.objectStore('rowPages').openCursor();
          pages.onsuccess = () => {
            const cursor = pages.result;
            if (!cursor) return;
            out['rows'] = (out['rows'] ?? 0) + (cursor.value as { rows: unknown[] }).rows.length;
            cursor.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

/** Every annotation record in IndexedDB, oldest first (by createdAt), read with the raw API (no app code). */
export async function storedAnnotations<T = Record<string, unknown>>(
  page: Page,
): Promise<{ rowId: string; annotator: string; createdAt: number; value: T }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('yardstick');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('annotations', 'readonly').objectStore('annotations').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { createdAt: number }[]).sort((a, b) => a.createdAt - b.createdAt) as never,
            );
          };
        };
      }),
  );
}

/** Picks a file with the start screen's file input and waits for the mapping screen. */
export async function pickFile(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
) {
  await page.getByLabel('Choose a dataset file').setInputFiles(file);
  await page.getByLabel('Detected format').waitFor();
}

/** Clicks Import on the mapping screen and waits for the data view with `rows` rows. */
export async function importAndOpen(page: Page, rows: number): Promise<void> {
  await page.getByRole('button', { name: /^Import (file|[\d,]+ rows)$/ }).click();
  await expectRowCount(page, rows);
}

/** Waits (up to `timeout` ms) until the data view shows `rows` of `rows` rows. */
export async function expectRowCount(page: Page, rows: number, timeout = 30_000): Promise<void> {
  const n = rows.toLocaleString('en-US');
  await expect
    .poll(() => page.getByLabel('Matching rows').textContent(), { timeout })
    .toBe(`${n} of ${n} rows`);
}

/**
 * Opens the start screen at `baseUrl`, clicks "Try a sample: `name`", imports it from the mapping screen and waits
 * (up to `timeout` ms) for the data view to show all `rows` rows.
 */
export async function importSample(
  page: Page,
  baseUrl: string,
  name: string,
  rows: number,
  timeout = 30_000,
): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: `Try a sample: ${name}` }).click();
  await page.getByLabel('Detected format').waitFor();
  await page.getByRole('button', { name: /^Import/ }).click();
  await expectRowCount(page, rows, timeout);
}

/** A JSONL buffer for setInputFiles. */
export function jsonlFile(name: string, rows: unknown[]): { name: string; mimeType: string; buffer: Buffer } {
  return {
    name,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')),
  };
}
