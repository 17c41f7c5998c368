// Python-compatible helpers BLEU/chrF depend on: whitespace, float formatting, exp/log rounding.
// Expected values come from CPython 3.11 on glibc 2.36 (tests/fixtures/reference/python_math_cases.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFixed, roundedFloat } from '../../src/lib/metrics/text/format';
import { pyExp, pyLog } from '../../src/lib/metrics/text/pymath';
import {
  isPyWhitespace,
  pyRstrip,
  pySplit,
  pyStrip,
  removePyWhitespace,
} from '../../src/lib/metrics/text/whitespace';

const py = JSON.parse(
  readFileSync(new URL('../fixtures/reference/python_math_cases.json', import.meta.url), 'utf8'),
) as { exp: [number, number][]; log: [number, number][]; format: [number, number, string][] };

describe('Python whitespace', () => {
  // CPython's _PyUnicode_IsWhitespace set, listed in METRICS-SPEC A.9.
  const PY = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680];
  for (let c = 0x2000; c <= 0x200a; c++) PY.push(c);
  PY.push(0x2028, 0x2029, 0x202f, 0x205f, 0x3000);

  it('is exactly the CPython set over the BMP', () => {
    const found: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isPyWhitespace(c)) found.push(c);
    expect(found).toEqual(PY);
  });

  it('split/strip follow Python, not JavaScript', () => {
    expect(pySplit('  a\x1cb\x85c\ufeffd  ')).toEqual(['a', 'b', 'c\ufeffd']);
    expect(pySplit('')).toEqual([]);
    expect(pySplit(' \t ')).toEqual([]);
    expect(pyRstrip('x \x1f\u3000')).toBe('x');
    expect(pyStrip('\x85 x y \ufeff')).toBe('x y \ufeff');
    expect(removePyWhitespace('a b\u200bc\u2009d')).toBe('ab\u200bcd');
  });
});

describe('formatFixed is Python format(x, ".Nf")', () => {
  it(`matches CPython on ${py.format.length} values, ties included`, () => {
    expect(py.format.length).toBeGreaterThan(1000);
    for (const [x, d, s] of py.format) expect(formatFixed(x, d), `${x} .${d}f`).toBe(s);
  });

  it('rounds exact ties to even, where toFixed rounds up', () => {
    expect(formatFixed(6.25, 1)).toBe('6.2');
    expect((6.25).toFixed(1)).toBe('6.3');
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(2.675, 2)).toBe('2.67'); // 2.675 is below the tie in binary
    expect(formatFixed(-0, 2)).toBe('-0.00');
    expect(roundedFloat(48.530827, 1)).toBe(48.5);
  });
});

describe('pyExp / pyLog round like CPython math on glibc', () => {
  it('agree with math.exp on all but glibc misroundings (≤ 0.2%)', () => {
    let differ = 0;
    let differMath = 0;
    for (const [x, y] of py.exp) {
      const v = pyExp(x);
      if (v !== y) {
        differ++;
        expect(Math.abs(v - y)).toBeLessThanOrEqual(Math.abs(y) * 2.3e-16); // one ulp at most
      }
      if (Math.exp(x) !== y) differMath++;
    }
    expect(differ).toBeLessThanOrEqual(py.exp.length * 0.002);
    // The point of pyExp: Math.exp alone disagrees far more often.
    expect(differMath).toBeGreaterThan(10 * Math.max(differ, 1));
  });

  it('agree with math.log likewise', () => {
    let differ = 0;
    for (const [x, y] of py.log) {
      const v = pyLog(x);
      if (v !== y) {
        differ++;
        expect(Math.abs(v - y)).toBeLessThanOrEqual(Math.abs(y) * 2.3e-16);
      }
    }
    expect(differ).toBeLessThanOrEqual(py.log.length * 0.002);
  });

  it('exp(log(6.25)) is 6.250000000000001, as in Python', () => {
    expect(pyExp(pyLog(6.25))).toBe(6.250000000000001);
    expect(pyLog(1)).toBe(0);
    expect(pyExp(0)).toBe(1);
  });
});
