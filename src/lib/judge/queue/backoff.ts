// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): wait a uniform
// random time in [0, min(cap, base·2^attempt)]. A server-requested wait, when the browser could read it, wins.

/** Retry timing. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Total attempts including the first. */
  maxAttempts: number;
}

// Defaults: full jitter from 125 ms, doubling, 8 attempts, so a job keeps trying for up to 125 ms × (2^7 − 1) ≈
// 15.9 s in all: the patience of the former 500 ms × 6 attempts (15.5 s; openai-node waits 0.5·2^n s), with shorter
// first waits. The queue, not this wait, sets how hard the provider is pressed: a waiting job holds no slot,
// another job takes it, and a 429 halves the slots (limiter.ts). So the wait only delays the job itself, and once
// the other work is done it is the whole tail of the run: bench/judge (1,000 calls of 50 ms, 10% answered 429)
// measured tails of 0.1–1.6 s, once 7 s, at 500 ms, and about a quarter of that at 125 ms, with no more 429 calls
// against a token-bucket limit. JUDGE-NOTES §1.8 suggests a 1 s base and about 6 attempts. A server-requested wait
// (Retry-After, RetryInfo) still wins.
/** The queue's retry timing unless a caller passes its own. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 125, capMs: 60_000, maxAttempts: 8 };

/** The wait before retry number `attempt` (0 = first retry). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs: number | null,
): number {
  if (retryAfterMs !== null) return retryAfterMs;
  return random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
}
