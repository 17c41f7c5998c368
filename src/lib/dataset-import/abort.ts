// Cancellation for structurally typed signals (the pure reader's AbortSignalLike).
import { AbortError } from '../core/errors';
import type { AbortSignalLike } from '../dataset/types';

/** Throws AbortError when the signal has fired. */
export function throwIfAbortedLike(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new AbortError();
}
