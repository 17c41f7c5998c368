import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, type Battle } from './bradley-terry';

function games(a: string, b: string, wins: number, losses: number, ties = 0, tag = ''): Battle[] {
  const out: Battle[] = [];
  let u = 0;
  const add = (score: number) => out.push({ a, b, score, unit: `${a}-${b}-${tag}${u++}` });
  for (let i = 0; i < wins; i++) add(1);
  for (let i = 0; i < losses; i++) add(0);
  for (let i = 0; i < ties; i++) add(0.5);
  return out;
}

const rating = (r: ReturnType<typeof fitBradleyTerry>, s: string) =>
  r.ratings.find((x) => x.system === s)?.rating;

describe('fitBradleyTerry', () => {
  it('two systems: the Elo gap is 400·log10(wins/losses) (closed form of the MLE)', () => {
    const r = fitBradleyTerry(games('ft', 'base', 3, 1), 'base', { rounds: 0 });
    expect(rating(r, 'base')).toBeCloseTo(1000, 9);
    expect(rating(r, 'ft')).toBeCloseTo(1000 + 400 * Math.log10(3), 6);
    expect(r.identifiable).toBe(true);
  });

  it('a tie is half a win for each side: 2 wins + 2 ties ≡ 3 wins + 1 loss', () => {
    const r = fitBradleyTerry(games('ft', 'base', 2, 0, 2), 'base', { rounds: 0 });
    expect(rating(r, 'ft')).toBeCloseTo(1000 + 400 * Math.log10(3), 6);
  });

  it('three systems whose results match strengths π = 1, 2, 4 exactly recover 400·log10 π', () => {
    // P(i beats j) = π_i/(π_i+π_j): a–b 1:2, a–c 1:4, b–c 1:2; a saturated fit equals the model.
    const battles = [...games('a', 'b', 1, 2), ...games('a', 'c', 1, 4), ...games('b', 'c', 1, 2)];
    const r = fitBradleyTerry(battles, 'a', { rounds: 0 });
    expect(rating(r, 'a')).toBeCloseTo(1000, 6);
    expect(rating(r, 'b')).toBeCloseTo(1000 + 400 * Math.log10(2), 6);
    expect(rating(r, 'c')).toBeCloseTo(1000 + 400 * Math.log10(4), 6);
    expect(r.ratings.map((x) => x.system)).toEqual(['c', 'b', 'a']);
  });

  it('satisfies the likelihood equations Σ_j N_ij·p_ij = W_i on an irregular design', () => {
    const battles = [
      ...games('a', 'b', 7, 3, 2),
      ...games('a', 'c', 2, 5, 1),
      ...games('b', 'c', 4, 4, 0),
      ...games('c', 'd', 3, 6, 2),
      ...games('a', 'd', 1, 1, 1),
    ];
    const r = fitBradleyTerry(battles, 'b', { rounds: 0 });
    const theta = new Map(r.ratings.map((x) => [x.system, (x.rating - 1000) / 400]));
    for (const s of ['a', 'b', 'c', 'd']) {
      let expected = 0;
      let observed = 0;
      for (const g of battles) {
        if (g.a !== s && g.b !== s) continue;
        const [me, other, score] = g.a === s ? [g.a, g.b, g.score] : [g.b, g.a, 1 - g.score];
        const d = (theta.get(me) ?? 0) - (theta.get(other) ?? 0);
        expected += 1 / (1 + 10 ** -d);
        observed += score;
      }
      expect(expected).toBeCloseTo(observed, 6);
    }
    expect(rating(r, 'b')).toBe(1000);
  });

  it('bootstrap intervals are seeded, contain the estimate and anchor the baseline at 1000', () => {
    const battles = [...games('a', 'b', 12, 8, 3), ...games('a', 'c', 6, 10, 2), ...games('b', 'c', 9, 9, 4)];
    const r1 = fitBradleyTerry(battles, 'a', { rounds: 100, seed: 3 });
    const r2 = fitBradleyTerry(battles, 'a', { rounds: 100, seed: 3 });
    expect(r1).toEqual(r2);
    for (const x of r1.ratings) {
      expect(x.interval?.low).toBeLessThanOrEqual(x.rating + 1e-9);
      expect(x.interval?.high).toBeGreaterThanOrEqual(x.rating - 1e-9);
    }
    expect(r1.ratings.find((x) => x.system === 'a')?.interval).toMatchObject({ low: 1000, high: 1000 });
    expect(r1.method).toContain('seed=3');
  });

  it('a clean sweep is not identifiable: warned, regularised, still ordered', () => {
    const r = fitBradleyTerry([...games('a', 'b', 5, 0), ...games('b', 'c', 3, 2)], 'c', { rounds: 20 });
    expect(r.identifiable).toBe(false);
    expect(r.warnings.map((w) => w.code)).toContain('not-identifiable');
    const a = rating(r, 'a') ?? 0;
    expect(Number.isFinite(a)).toBe(true);
    expect(a).toBeGreaterThan(rating(r, 'b') ?? Infinity);
  });

  it('systems with no chain of comparisons to the baseline are left unrated', () => {
    const r = fitBradleyTerry([...games('a', 'b', 2, 1), ...games('c', 'd', 1, 1)], 'a', { rounds: 0 });
    expect(r.unrated).toEqual(['c', 'd']);
    expect(r.ratings.map((x) => x.system).sort()).toEqual(['a', 'b']);
    expect(r.warnings.map((w) => w.code)).toContain('disconnected');
  });

  it('no battles: no ratings and a no-data warning', () => {
    const r = fitBradleyTerry([], 'a');
    expect(r.ratings).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('no-data');
  });
});
