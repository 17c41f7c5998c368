// Backoff timing, worked by hand: full jitter is uniform in [0, min(cap, base·2^attempt)], a server-requested wait
// wins, and the default policy keeps a failing job trying for about 16 s in all before it is failed.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from '../../src/lib/judge/queue/backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, capMs: 1000, maxAttempts: 6 };
  it('full jitter: random × min(cap, base·2^attempt)', () => {
    expect(backoffDelay(0, policy, () => 1, null)).toBe(100);
    expect(backoffDelay(2, policy, () => 0.5, null)).toBe(200);
    expect(backoffDelay(3, policy, () => 1, null)).toBe(800);
    expect(backoffDelay(4, policy, () => 1, null)).toBe(1000);
    expect(backoffDelay(9, policy, () => 0, null)).toBe(0);
  });
  it('a server-requested wait wins over the computed one', () => {
    expect(backoffDelay(0, policy, () => 1, 2500)).toBe(2500);
  });
  it('default: first retry within 125 ms; the longest total wait is 125 × (2^7 − 1) ms ≈ 15.9 s', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 1, null)).toBe(125);
    let worst = 0;
    for (let a = 0; a < DEFAULT_BACKOFF.maxAttempts - 1; a++)
      worst += backoffDelay(a, DEFAULT_BACKOFF, () => 1, null);
    expect(worst).toBe(125 * 127);
  });
});
