// Recognising storage failures. IndexedDB reports a full quota as a DOMException named QuotaExceededError, but
// Dexie may wrap it (a transaction AbortError with `inner`, a BulkError with `failures`), so look through the chain.
import { QuotaError } from '../core/errors';

const QUOTA_MESSAGE =
  'Storage is full: the browser refused to store more data for this site. Nothing was saved. ' +
  'Delete projects you no longer need, or allow persistent storage, and try again.';

/** True when `e`, or any error it wraps, is a quota failure. */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (depth > 5 || e === null || typeof e !== 'object') return false;
  const err = e as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError' || err.code === 'quota-exceeded') return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR).
  if (err.code === 22 && err.name !== 'AbortError') return true;
  if (isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1)) return true;
  if (Array.isArray(err.failures)) return err.failures.some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Turns a quota failure into a QuotaError with a message a user can act on; other errors pass through. */
export function asStorageError(e: unknown): unknown {
  return isQuotaError(e) ? new QuotaError(QUOTA_MESSAGE, { cause: e }) : e;
}
