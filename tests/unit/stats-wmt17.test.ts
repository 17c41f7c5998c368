// Paired tests on WMT17 en-de BLEU (tokenize 'none', baseline LIUM-NMT) against the p-values sacreBLEU's
// own test_significance.py checks: Moses' bootstrap script (2000 samples) and multeval's approximate
// randomization (10,000 trials), with sacreBLEU's tolerance of 0.01. Our RNG differs from numpy's, so
// only agreement within that tolerance is expected. Two systems keep the test short: FBK (p ≈ 0.01-0.02)
// and C-3MA (p ≈ 0).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bleuSegmentStats, computeBleu } from '../../src/lib/metrics/bleu';
import { pairedApproxRandomization, pairedBootstrap } from '../../src/lib/metrics/stats';

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/reference/wmt17_en_de_corpus.json', import.meta.url), 'utf8'),
) as { reference: string[]; systems: Record<string, string[]> };

const MOSES_BS: Record<string, number> = {
  'newstest2017.C-3MA.4959.en-de': 0.0,
  'newstest2017.FBK.4870.en-de': 0.01267,
};
const MULTEVAL_AR: Record<string, number> = {
  'newstest2017.C-3MA.4959.en-de': 0.0001,
  'newstest2017.FBK.4870.en-de': 0.0218,
};

const opts = { tokenize: 'none' } as const;
const refs = corpus.reference.map((r) => [r]);
const statsOf = (name: string): number[][] => bleuSegmentStats(corpus.systems[name] ?? [], refs, opts).stats;
const bleu = (s: number[]): number => computeBleu(s, opts).score;
const baseline = statsOf('newstest2017.LIUM-NMT.4900.en-de');

describe('paired tests reproduce sacreBLEU test_significance.py on WMT17', () => {
  for (const name of Object.keys(MOSES_BS)) {
    it(`paired-bs ${name}`, () => {
      const r = pairedBootstrap(baseline, statsOf(name), bleu, { nSamples: 2000 });
      expect(Math.abs(r.pValue - (MOSES_BS[name] ?? NaN))).toBeLessThan(1e-2);
    });
    it(`paired-ar ${name}`, () => {
      const r = pairedApproxRandomization(baseline, statsOf(name), bleu, { nSamples: 10000 });
      expect(Math.abs(r.pValue - (MULTEVAL_AR[name] ?? NaN))).toBeLessThan(1e-2);
    });
  }
});
