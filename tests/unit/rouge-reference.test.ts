// rouge-score 0.1.2 reference vectors (tests/fixtures/reference/rouge_cases.json, see PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  aggregateRouge,
  meanRouge,
  RougeScorer,
  tokenizeRouge,
  type RougeScore,
  type RougeScores,
  type RougeType,
} from '../../src/lib/metrics/rouge';

interface Case {
  id: string;
  api: 'score' | 'score_multi';
  target?: string;
  targets?: string[];
  prediction: string;
  options: { rouge_types: RougeType[]; use_stemmer: boolean };
  expected: Record<string, RougeScore>;
  tokens?: { target?: string[]; prediction: string[] };
}
interface TokenizerCase {
  input: string;
  tokens: string[];
  tokens_stemmed: string[];
}
interface AggregatorCase {
  id: string;
  np_random_seed: number;
  confidence_interval: number;
  n_samples: number;
  scores: RougeScores[];
  expected: Record<string, { low: RougeScore; mid: RougeScore; high: RougeScore }>;
  plain_mean: Record<string, RougeScore>;
}

const data = JSON.parse(readFileSync('tests/fixtures/reference/rouge_cases.json', 'utf8')) as {
  cases: Case[];
  tokenizer_cases: TokenizerCase[];
  aggregator_cases: AggregatorCase[];
};

function expectScore(got: RougeScore | undefined, want: RougeScore | undefined, tol = 1e-12): void {
  expect(got).toBeDefined();
  expect(want).toBeDefined();
  if (!got || !want) return;
  for (const k of ['precision', 'recall', 'fmeasure'] as const)
    expect(Math.abs(got[k] - want[k])).toBeLessThanOrEqual(tol);
}

describe('rouge-score 0.1.2 cases', () => {
  it('has the whole table', () => expect(data.cases.length).toBeGreaterThanOrEqual(44));
  it.each(data.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const scorer = new RougeScorer({ types: c.options.rouge_types, useStemmer: c.options.use_stemmer });
    const refs = c.api === 'score' ? [c.target ?? ''] : (c.targets ?? []);
    const got = scorer.score(c.prediction, refs);
    for (const type of c.options.rouge_types) expectScore(got[type], c.expected[type]);
    if (c.tokens) expect(tokenizeRouge(c.prediction, c.options.use_stemmer)).toEqual(c.tokens.prediction);
    if (c.tokens?.target && c.target !== undefined)
      expect(tokenizeRouge(c.target, c.options.use_stemmer)).toEqual(c.tokens.target);
  });
});

describe('rouge-score tokenizer', () => {
  it.each(data.tokenizer_cases.map((c) => [JSON.stringify(c.input), c] as const))('%s', (_s, c) => {
    expect(tokenizeRouge(c.input, false)).toEqual(c.tokens);
    expect(tokenizeRouge(c.input, true)).toEqual(c.tokens_stemmed);
  });
});

describe('BootstrapAggregator replay (np.random.seed)', () => {
  it.each(data.aggregator_cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const types = Object.keys(c.scores[0] ?? {}) as RougeType[];
    const got = aggregateRouge(c.scores, types, {
      seed: c.np_random_seed,
      confidenceInterval: c.confidence_interval,
      nSamples: c.n_samples,
    });
    for (const type of types) {
      const g = got[type];
      const want = c.expected[type];
      expectScore(g?.low, want?.low);
      expectScore(g?.mid, want?.mid);
      expectScore(g?.high, want?.high);
      expectScore(g?.mean, c.plain_mean[type]);
      expectScore(meanRouge(c.scores.map((s) => s[type] as RougeScore)), c.plain_mean[type]);
    }
  });
});
