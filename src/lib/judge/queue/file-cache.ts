// The CLI's content-addressed cache: one JSON file per key in a folder (Node only; the page uses IndexedDB).
// Files are written to a temporary name and renamed, so an interrupted run never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnswerCache, CachedAnswer } from './cache';

/** A folder-backed answer cache. */
export class FileCache implements AnswerCache {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  #path(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`Unsafe cache key ${key}`);
    return join(this.dir, `${key}.json`);
  }
  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      return JSON.parse(readFileSync(this.#path(key), 'utf8')) as CachedAnswer;
    } catch {
      return undefined;
    }
  }
  async put(key: string, answer: CachedAnswer): Promise<void> {
    const path = this.#path(key);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(answer));
    renameSync(tmp, path);
  }
}
