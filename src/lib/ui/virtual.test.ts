import { describe, expect, it } from 'vitest';
import { scrollToReveal, visibleWindow } from './virtual';

describe('visibleWindow', () => {
  // Hand-worked: rows of 30 px, a 300 px viewport scrolled to 3000 px shows rows 100..110 (11 rows incl. partial).
  it.each([
    [3000, 300, 30, 100_000, 0, { start: 100, end: 111 }],
    [3000, 300, 30, 100_000, 5, { start: 95, end: 116 }],
    [0, 300, 30, 5, 8, { start: 0, end: 5 }],
    [10_000, 300, 30, 5, 2, { start: 2, end: 5 }],
    [0, 300, 30, 0, 8, { start: 0, end: 0 }],
    [-50, 300, 30, 100, 0, { start: 0, end: 11 }],
  ])('scrollTop %d, viewport %d, row %d, count %d, overscan %d', (top, vh, rh, n, over, expected) => {
    expect(visibleWindow(top, vh, rh, n, over)).toEqual(expected);
  });
  it('never renders more than the viewport plus overscan, however many rows', () => {
    const w = visibleWindow(2_999_970, 600, 30, 100_000, 8);
    expect(w.end).toBe(100_000);
    expect(w.end - w.start).toBeLessThanOrEqual(600 / 30 + 1 + 16);
  });
});

describe('scrollToReveal', () => {
  it('scrolls up to a row above the viewport, down to one below, and not for a visible one', () => {
    expect(scrollToReveal(2, 300, 300, 30)).toBe(60);
    expect(scrollToReveal(20, 300, 300, 30)).toBe(330);
    expect(scrollToReveal(12, 300, 300, 30)).toBeNull();
  });
});
