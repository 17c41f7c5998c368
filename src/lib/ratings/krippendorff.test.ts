import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from './krippendorff';

/** Reliability data as published (rows = coders, columns = units) → one list of values per unit. */
const byUnit = (coders: (number | null)[][]) =>
  (coders[0] ?? []).map((_, u) => coders.map((row) => row[u] ?? null));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing data.
// Published: α_nominal = 0.743, α_interval = 0.849; ordinal 0.815 and ratio 0.797 as reproduced by the
// `krippendorff` Python package's tests (pln-fing-udelar/fast-krippendorff).
const paperC = byUnit([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

// Wikipedia, "Krippendorff's alpha", computational example: 3 coders, 15 units (α_nominal 0.691, α_interval 0.811).
const wiki = byUnit([
  [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
]);

describe('krippendorffAlpha', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('Krippendorff 2011 example C, %s → %f', (metric, alpha) => {
    const a = krippendorffAlpha(paperC, metric);
    expect(a.value).toBeCloseTo(alpha, 3);
    // Unit 12 has a single value: not pairable.
    expect(a.items).toBe(11);
  });

  it.each([
    ['nominal', 0.691358],
    ['interval', 0.810845],
  ] as const)('Wikipedia example, %s → %f', (metric, alpha) => {
    expect(krippendorffAlpha(wiki, metric).value).toBeCloseTo(alpha, 6);
  });

  it('Krippendorff 2011 example A (binary, two observers): α = 1 − 19·4/(14·6) = 0.095', () => {
    const a = byUnit([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(krippendorffAlpha(a, 'nominal').value).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12);
  });

  it('ordinal α depends on rank order only, and an explicit domain gives the same value', () => {
    const relabel = paperC.map((u) => u.map((v) => (v === null ? null : v * v)));
    expect(krippendorffAlpha(relabel, 'ordinal').value).toBeCloseTo(
      krippendorffAlpha(paperC, 'ordinal').value ?? 0,
      12,
    );
    expect(krippendorffAlpha(paperC, 'ordinal', [1, 2, 3, 4, 5, 6, 7]).value).toBeCloseTo(0.815, 3);
  });

  it('perfect agreement is 1; no variation or no pairable unit is undefined', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        'interval',
      ).value,
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2],
        ],
        'ordinal',
      ).value,
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 2],
        ],
        'nominal',
      ),
    ).toMatchObject({ value: null, items: 0 });
  });
});
