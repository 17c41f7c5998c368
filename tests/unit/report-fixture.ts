// A small hand-made project: 2 systems × 4 rows, one BLEU-like run each, a perplexity run, a pairwise human
// session and a pairwise judge run. Numbers are chosen so every statistic can be worked out by hand.
import type { BundleRecords } from '../../src/lib/report/bundle/types';

const P = 'p1';
const D = 'd1';
const T = 1_700_000_000_000;

/** The fixture's records (fresh copy each call). */
export function fixtureRecords(): BundleRecords {
  const rows = [
    { prompt: 'Say hello', refs: ['hello'], ft: 'hello', base: 'Sure, hi', tags: ['greet'], cat: 'easy' },
    { prompt: 'Add 2 and 2', refs: ['4'], ft: '4', base: '5', tags: ['math'], cat: 'easy' },
    {
      prompt: 'Write code',
      refs: ['```x```'],
      ft: '```print(1)```',
      base: 'no',
      tags: ['code'],
      cat: 'hard',
    },
    { prompt: 'Capital of France', refs: ['Paris'], ft: 'Paris', base: 'Paris', tags: [], cat: 'hard' },
  ];
  const em = { ft: [1, 1, 0, 1], base: [0, 0, 0, 1] };
  // Perplexity stats of the finetuned responses: (nll, tokens).
  const ppl: [number, number][] = [
    [2, 2],
    [1, 1],
    [9, 3],
    [4, 2],
  ];
  // Human choices with finetuned on the left: A, A, B, tie → ft wins 2, loses 1, ties 1.
  const human = ['A', 'A', 'B', 'tie'];
  return {
    project: { id: P, name: 'Fixture', createdAt: T, updatedAt: T, description: '' },
    datasets: [
      {
        id: D,
        projectId: P,
        name: 'fixture.jsonl',
        format: 'generic',
        rowCount: rows.length,
        contentHash: 'abc',
        systems: [{ name: 'finetuned' }, { name: 'base' }],
        tags: ['code', 'greet', 'math'],
        mapping: {},
        createdAt: T,
        updatedAt: T,
      },
    ],
    rows: rows.map((r, i) => ({
      datasetId: D,
      id: `r${i}`,
      idx: i,
      prompt: r.prompt,
      references: r.refs,
      responses: { finetuned: r.ft, base: r.base },
      tags: r.tags,
      metadata: { category: r.cat },
      line: i + 1,
    })),
    runs: [
      ...(['ft', 'base'] as const).map((s, k) => ({
        id: `run-em-${s}`,
        projectId: P,
        datasetId: D,
        datasetHash: 'abc',
        kind: 'metric' as const,
        metric: 'exact_match',
        system: s === 'ft' ? 'finetuned' : 'base',
        signature: 'em|norm:none',
        options: {},
        status: 'done' as const,
        corpus: {
          score: em[s].reduce((a, b) => a + b, 0) / 4,
          interval: { low: 0, high: 1, level: 0.95, method: 'x' },
        },
        createdAt: T + k,
        updatedAt: T + k,
      })),
      {
        id: 'run-ppl',
        projectId: P,
        datasetId: D,
        datasetHash: 'abc',
        kind: 'perplexity',
        metric: 'perplexity',
        system: 'finetuned',
        signature: 'ppl|model:demo-bigram',
        options: {},
        status: 'done',
        corpus: { token_perplexity: Math.exp(16 / 8) },
        createdAt: T + 5,
        updatedAt: T + 5,
      },
    ],
    rowScores: [
      ...(['ft', 'base'] as const).flatMap((s) =>
        em[s].map((v, i) => ({ runId: `run-em-${s}`, rowIdx: i, rowId: `r${i}`, value: { score: v } })),
      ),
      ...ppl.map(([nll, tokens], i) => ({
        runId: 'run-ppl',
        rowIdx: i,
        rowId: `r${i}`,
        value: { nllSum: nll, tokens },
      })),
    ],
    annotationSessions: [
      { id: 's1', projectId: P, datasetId: D, kind: 'pairwise', name: 'Team', config: {}, createdAt: T },
    ],
    annotations: human.map((choice, i) => ({
      id: `a${i}`,
      sessionId: 's1',
      projectId: P,
      datasetId: D,
      rowId: `r${i}`,
      annotator: 'ann1',
      kind: 'pairwise' as const,
      value: { choice, left: 'finetuned', right: 'base' },
      createdAt: T + i,
    })),
    rubrics: [
      {
        id: 'rb1',
        projectId: P,
        name: 'Helpfulness',
        version: 1,
        template: '{{prompt}}',
        mode: 'pairwise',
        createdAt: T,
      },
    ],
    judgeRuns: [
      {
        id: 'j1',
        projectId: P,
        datasetId: D,
        rubricId: 'rb1',
        provider: 'openai',
        model: 'gpt-test',
        params: { temperature: 0 },
        mode: 'pairwise',
        systems: ['finetuned', 'base'],
        status: 'done',
        createdAt: T,
        updatedAt: T,
      },
    ],
    // Judge verdicts (order AB only): A, B, B, A → ft wins rows 0 and 3, loses 1 and 2.
    judgments: ['A', 'B', 'B', 'A'].map((verdict, i) => ({
      id: `jm${i}`,
      runId: 'j1',
      rowId: `r${i}`,
      cacheKey: `ck${i}`,
      order: 'AB' as const,
      repeat: 0,
      status: 'done' as const,
      verdict: verdict as 'A' | 'B',
      raw: `[[${verdict}]]`,
      updatedAt: T,
    })),
  };
}
