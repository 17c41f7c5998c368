// The content-addressed answer cache the queue consults before every call. Implementations: IndexedDB (the page,
// in state/), a folder of JSON files (the CLI) and memory (tests). Keys come from cacheKey(); values never hold the key.
import type { Completion } from '../types';

/** A cached provider answer. */
export interface CachedAnswer {
  completion: Completion;
  createdAt: number;
}

/** Where answers are kept between runs. */
export interface AnswerCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  put(key: string, answer: CachedAnswer): Promise<void>;
}

/** An in-memory cache. */
export class MemoryCache implements AnswerCache {
  readonly map = new Map<string, CachedAnswer>();
  async get(key: string): Promise<CachedAnswer | undefined> {
    return this.map.get(key);
  }
  async put(key: string, answer: CachedAnswer): Promise<void> {
    this.map.set(key, answer);
  }
}
