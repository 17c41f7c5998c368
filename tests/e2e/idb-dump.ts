// A full dump of the app's IndexedDB, record by record with its primary key, read with the raw API (no app code),
// and the comparison "every record that existed before is byte-identical after".
import type { Page } from 'playwright-core';

/** store → (primary key as JSON → record as JSON). */
export type Dump = Record<string, Record<string, string>>;

/** Every record of every store. */
export async function dumpDb(page: Page): Promise<Dump> {
  return page.evaluate(
    () =>
      new Promise<Dump>((resolve, reject) => {
        const req = indexedDB.open('yardstick');
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Dump = {};
          for (const n of names) {
            out[n] = {};
            const cursor = tx.objectStore(n).openCursor();
            cursor.onsuccess = () => {
              const c = cursor.result;
              if (!c) return;
              (out[n] as Record<string, string>)[JSON.stringify(c.primaryKey)] = JSON.stringify(c.value);
              c.continue();
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

/** Records of `before` that are missing or different in `after`, as "store key" strings. */
export function changedRecords(before: Dump, after: Dump): string[] {
  const changed: string[] = [];
  for (const [store, records] of Object.entries(before))
    for (const [key, value] of Object.entries(records))
      if (after[store]?.[key] !== value) changed.push(`${store} ${key}`);
  return changed;
}

/** Records of `after` that `before` did not have, as "store key" strings. */
export function addedRecords(before: Dump, after: Dump): string[] {
  const added: string[] = [];
  for (const [store, records] of Object.entries(after))
    for (const key of Object.keys(records))
      if (before[store]?.[key] === undefined) added.push(`${store} ${key}`);
  return added;
}
