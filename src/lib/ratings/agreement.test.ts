import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  cohenKappaFromTable,
  fleissKappa,
  fleissKappaFromCounts,
  percentAgreement,
  weightedKappa,
} from './agreement';

describe('Cohen’s kappa', () => {
  // Wikipedia, "Cohen's kappa", worked examples (50 grant proposals; rows rater A yes/no, columns rater B).
  it.each([
    [
      [
        [20, 5],
        [10, 15],
      ],
      0.4,
    ],
    [
      [
        [45, 15],
        [25, 15],
      ],
      0.1304,
    ],
    [
      [
        [25, 35],
        [5, 35],
      ],
      0.2593,
    ],
  ])('table %j → κ = %f', (table, kappa) => {
    expect(cohenKappaFromTable(table).value).toBeCloseTo(kappa, 4);
  });

  it('from labels, hand-worked: p_o = 3/5, p_e = 8/25 → κ = 7/17', () => {
    const k = cohenKappa([1, 2, 3, 1, 2], [1, 3, 3, 2, 2]);
    expect(k.value).toBeCloseTo(7 / 17, 12);
    expect(k.items).toBe(5);
  });

  it('uses only items both annotators rated, and says how many', () => {
    const k = cohenKappa(['a', 'b', null, 'a', 'b'], ['a', 'b', 'a', null, 'a']);
    expect(k.items).toBe(3);
    // Table [[1,0],[1,1]]: p_o = 2/3, p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9 → κ = (2/3 − 4/9)/(5/9) = 0.4.
    expect(k.value).toBeCloseTo(0.4, 12);
  });

  it('perfect agreement is 1; systematic disagreement on two balanced labels is −1', () => {
    expect(cohenKappa(['x', 'y', 'x'], ['x', 'y', 'x']).value).toBe(1);
    expect(cohenKappa(['x', 'y', 'x', 'y'], ['y', 'x', 'y', 'x']).value).toBe(-1);
  });

  it('is undefined (not 0) when both used one identical label, or an annotator skipped everything', () => {
    const same = cohenKappa(['tie', 'tie'], ['tie', 'tie']);
    expect(same.value).toBeNull();
    expect(same.reason).toMatch(/chance agreement/);
    const skipped = cohenKappa(['a', 'b', 'a'], [null, null, null]);
    expect(skipped).toMatchObject({ value: null, items: 0 });
  });
});

describe('weighted kappa', () => {
  const a = [1, 2, 3, 1, 2];
  const b = [1, 3, 3, 2, 2];
  it('linear, hand-worked: Σw·o = 2, Σw·e = 22/5 → 1 − 2/4.4 = 6/11', () => {
    expect(weightedKappa(a, b, [1, 2, 3], 'linear').value).toBeCloseTo(6 / 11, 12);
  });
  it('quadratic, hand-worked: Σw·o = 2, Σw·e = 32/5 → 11/16', () => {
    expect(weightedKappa(a, b, [1, 2, 3], 'quadratic').value).toBeCloseTo(11 / 16, 12);
  });
  it('quadratic weighted kappa equals Lin’s concordance correlation 2·cov/(var x + var y + (x̄ − ȳ)²)', () => {
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const x = Array.from({ length: 60 }, () => 1 + Math.floor(next() * 5));
    const y = x.map((v) => Math.min(5, Math.max(1, v + Math.floor(next() * 3) - 1)));
    const mx = x.reduce((s, v) => s + v, 0) / x.length;
    const my = y.reduce((s, v) => s + v, 0) / y.length;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    x.forEach((v, i) => {
      const w = y[i] ?? 0;
      sxx += (v - mx) ** 2;
      syy += (w - my) ** 2;
      sxy += (v - mx) * (w - my);
    });
    const n = x.length;
    const ccc = (2 * sxy) / n / (sxx / n + syy / n + (mx - my) ** 2);
    expect(weightedKappa(x, y, [1, 2, 3, 4, 5], 'quadratic').value).toBeCloseTo(ccc, 12);
  });
  it('unused scale points do not change the value; off-scale scores are refused', () => {
    expect(weightedKappa(a, b, [1, 2, 3], 'linear').value).toBeCloseTo(
      weightedKappa(
        a.map((v) => v * 2),
        b.map((v) => v * 2),
        [2, 4, 6],
        'linear',
      ).value ?? NaN,
      12,
    );
    expect(weightedKappa([1, 9], [1, 2], [1, 2, 3], 'linear').value).toBeNull();
  });
});

describe('Fleiss’ kappa', () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories. P̄ = 0.378, P̄e = 0.213, κ = 0.210.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it('reproduces the worked example (κ = 0.20993)', () => {
    const k = fleissKappaFromCounts(table);
    expect(k.value).toBeCloseTo(0.20993, 5);
    expect(k.items).toBe(10);
  });
  it('from labels, expanding the same table, gives the same value', () => {
    const units = table.map((row) => row.flatMap((c, j) => Array.from({ length: c }, () => `cat${j + 1}`)));
    expect(fleissKappa(units).value).toBeCloseTo(0.20993, 5);
  });
  it('with two raters it reduces to Scott’s pi: (p_o − p_e)/(1 − p_e) with pooled marginals', () => {
    // Labels a/b over 4 items: agree on 3. Pooled: a 5/8, b 3/8 → p_e = 34/64; κ = (3/4 − 34/64)/(30/64) = 7/15.
    expect(
      fleissKappa([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'b'],
        ['a', 'a'],
      ]).value,
    ).toBeCloseTo(7 / 15, 12);
  });
  it('keeps only items every rater rated, and refuses unequal counts', () => {
    const k = fleissKappa([
      ['a', 'a', 'a'],
      ['a', null, 'b'],
      ['b', 'b', 'a'],
    ]);
    expect(k.items).toBe(2);
    expect(
      fleissKappaFromCounts([
        [2, 0],
        [1, 2],
      ]).value,
    ).toBeNull();
  });
});

describe('percent agreement', () => {
  it('two raters: share of items labelled alike; skipped items left out', () => {
    expect(
      percentAgreement([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'b'],
        [null, 'b'],
      ]),
    ).toEqual({ value: 2 / 3, items: 3 });
  });
  it('three raters: mean share of agreeing pairs (2 of 3 agree → 1/3 of pairs)', () => {
    expect(percentAgreement([['a', 'a', 'b']]).value).toBeCloseTo(1 / 3, 12);
  });
  it('no item with two ratings: null with a reason', () => {
    expect(percentAgreement([['a', null]])).toMatchObject({ value: null, items: 0 });
  });
});
