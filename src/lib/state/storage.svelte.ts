// Storage use of this origin (navigator.storage.estimate) and the persistent-storage request.
import { isQuotaError } from '../db/storage';

/** How much this site stores, its quota, and whether the browser keeps the data under storage pressure. */
export class StorageInfo {
  #usage = $state<number | null>(null);
  #quota = $state<number | null>(null);
  #persisted = $state<boolean | null>(null);
  #message = $state<string | null>(null);

  /** Bytes used by this site, or null when the browser does not say. */
  get usage(): number | null {
    return this.#usage;
  }
  /** Bytes this site may use, or null when unknown. */
  get quota(): number | null {
    return this.#quota;
  }
  /** True when storage is persistent (not evicted under pressure); null when unsupported. */
  get persisted(): boolean | null {
    return this.#persisted;
  }
  /** Result of the last persistence request, for display. */
  get message(): string | null {
    return this.#message;
  }

  /** Re-reads usage and persistence. */
  async refresh(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate) return;
    const estimate = await storage.estimate();
    this.#usage = estimate.usage ?? null;
    this.#quota = estimate.quota ?? null;
    this.#persisted = storage.persisted ? await storage.persisted() : null;
  }

  /** Asks the browser to keep this site's data; browsers may refuse without asking the user. */
  async requestPersistence(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) {
      this.#message = 'This browser does not support persistent storage.';
      return;
    }
    const granted = await storage.persist();
    this.#persisted = granted;
    this.#message = granted
      ? 'Storage is persistent: the browser will not evict your projects to free space.'
      : 'The browser declined for now (it decides, e.g. from site engagement or a bookmark); data is kept unless space runs low.';
  }

  /** Whether an error came from a full quota (re-exported so views need not reach into db). */
  isQuotaError(e: unknown): boolean {
    return isQuotaError(e);
  }
}

export const storageInfo = new StorageInfo();
