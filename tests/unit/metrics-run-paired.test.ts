// The runner's paired tests are metrics/stats' paired-bs and paired-ar (checked against Moses and multeval on
// WMT17 in stats-wmt17.test.ts): on BLEU, whose corpus score comes from summed statistics, both must give the
// same p-values, and the same resample distribution for the system, to the last digit.
import { describe, expect, it } from 'vitest';
import { CORPUS_BLEU_DEFAULTS, computeBleu } from '../../src/lib/metrics/bleu';
import { STRICT_MATCH } from '../../src/lib/metrics/match';
import {
  comparePair,
  runJob,
  type JobRow,
  type MetricResult,
  type MetricsConfig,
} from '../../src/lib/metrics/run';
import {
  estimateCi,
  pairedApproxRandomization,
  pairedBootstrap,
  resampleIndices,
} from '../../src/lib/metrics/stats';

const STATS = { bootstrapSamples: 300, arTrials: 400, seed: 11, level: 0.95 };
const words = (i: number): string => `the answer is ${i} and more words ${i % 7}`;
// Two systems that each win some rows, so neither p-value sits at its floor 1/(n+1).
const rows: JobRow[] = Array.from({ length: 80 }, (_, i) => ({
  idx: i,
  id: `q${i}`,
  references: [words(i)],
  responses: {
    a: i % 4 === 0 ? 'x' : i % 10 < 7 && i % 17 !== 5 ? words(i) : `an answer ${i} words`,
    b: i % 5 === 0 ? 'x' : i % 10 < 7 && i % 13 !== 0 ? words(i) : `an answer ${i} words`,
  },
  tags: [],
}));
const config: MetricsConfig = { bleu: { ...CORPUS_BLEU_DEFAULTS, sentenceEffectiveOrder: true } };

function stats(results: MetricResult[], system: string): number[][] {
  const r = results.find((x) => x.metric === 'bleu' && x.system === system);
  return (r?.perRow ?? []).map((v) => v?.stat ?? []);
}

describe('runner paired tests = metrics/stats paired tests', () => {
  it('paired-bs and paired-ar on BLEU', async () => {
    const results = await runJob({ rows, systems: ['a', 'b'], config, stats: STATS });
    const per = (system: string) => ({
      system,
      perRow: results.find((x) => x.metric === 'bleu' && x.system === system)?.perRow ?? [],
    });
    const [r] = await comparePair({
      config,
      metric: 'bleu',
      baseline: per('b'),
      systems: [per('a')],
      stats: STATS,
    });
    const score = (s: number[]): number => computeBleu(s, CORPUS_BLEU_DEFAULTS).score;
    const opts = { seed: STATS.seed };
    const bs = pairedBootstrap(stats(results, 'b'), stats(results, 'a'), score, {
      ...opts,
      nSamples: STATS.bootstrapSamples,
    });
    const ar = pairedApproxRandomization(stats(results, 'b'), stats(results, 'a'), score, {
      ...opts,
      nSamples: STATS.arTrials,
    });
    expect(r?.baselineScore).toBe(bs.baseline);
    expect(r?.systemScore).toBe(bs.system);
    expect(r?.bootstrap.p).toBe(bs.pValue);
    expect(r?.randomization.p).toBe(ar.pValue);
    expect(r?.bootstrap.mean).toBe(bs.systemCi?.mean);
    expect(((r?.bootstrap.high ?? NaN) - (r?.bootstrap.low ?? NaN)) / 2).toBeCloseTo(
      bs.systemCi?.ci ?? NaN,
      12,
    );
    // Neither test is at its floor, so the equality above is not trivial.
    expect(bs.pValue).toBeGreaterThan(0.05);
    expect(ar.pValue).toBeGreaterThan(0.05);
  });

  it('corpus intervals are type-7 percentiles of the same resamples', async () => {
    const results = await runJob({
      rows,
      systems: ['a'],
      config: { exact_match: STRICT_MATCH },
      stats: STATS,
    });
    const r = results.find((x) => x.metric === 'exact_match');
    // token_f1 takes the bootstrap (exact_match takes Wilson): the mean of each resample of rows, type-7 ends.
    const f1 = (r?.perRow ?? []).map((v) => v?.stat[1] ?? NaN);
    const means = resampleIndices(f1.length, STATS.bootstrapSamples, STATS.seed).map(
      (idx) => idx.reduce((s, i) => s + (f1[i] ?? NaN), 0) / idx.length,
    );
    const e = estimateCi(means, STATS.level, 'linear');
    expect(r?.corpus.keys.token_f1?.low).toBeCloseTo(e.low, 12);
    expect(r?.corpus.keys.token_f1?.high).toBeCloseTo(e.high, 12);
  });
});
