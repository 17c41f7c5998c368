// The queue's concurrency limit, worked by hand: a 429 halves it (floor, never below 1) at most once per gap,
// and every answered call gives back one slot until the configured limit is reached again.
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../src/lib/judge/queue/limiter';

describe('ConcurrencyLimit', () => {
  it('halves on a 429, once per gap, and never below 1', () => {
    const l = new ConcurrencyLimit(8, 1000);
    expect(l.value).toBe(8);
    expect(l.rateLimited(0)).toBe(4);
    // The calls that were in flight with it fail together: one signal, not a cascade.
    expect(l.rateLimited(999)).toBeNull();
    expect(l.value).toBe(4);
    expect(l.rateLimited(1000)).toBe(2);
    expect(l.rateLimited(2000)).toBe(1);
    expect(l.rateLimited(3000)).toBeNull();
    expect(l.value).toBe(1);
  });

  it('odd limits round down: 7 → 3 → 1', () => {
    const l = new ConcurrencyLimit(7);
    expect(l.rateLimited(0)).toBe(3);
    expect(l.rateLimited(5000)).toBe(1);
  });

  it('grows back by one per answer up to the configured limit, not beyond', () => {
    const l = new ConcurrencyLimit(8);
    expect(l.answered()).toBeNull();
    l.rateLimited(0);
    // 4 → 8 takes four answers (the window rule of TCP congestion avoidance would take 4 + 5 + 6 + 7 = 22).
    expect([l.answered(), l.answered(), l.answered(), l.answered(), l.answered()]).toEqual([
      5,
      6,
      7,
      8,
      null,
    ]);
    expect(l.value).toBe(8);
  });

  it('a fractional or zero configuration still allows one call', () => {
    expect(new ConcurrencyLimit(0).value).toBe(1);
    expect(new ConcurrencyLimit(3.9).value).toBe(3);
  });
});
