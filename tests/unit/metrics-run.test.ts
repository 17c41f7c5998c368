// The metrics worker's handler, driven as plain function calls: its numbers must equal the libraries' own.
import { describe, expect, it } from 'vitest';
import { CORPUS_BLEU_DEFAULTS, corpusBleuSegments, sentenceBleu } from '../../src/lib/metrics/bleu';
import { corpusChrfSegments, sentenceChrf } from '../../src/lib/metrics/chrf';
import { STRICT_MATCH } from '../../src/lib/metrics/match';
import { defaultMetricsConfig } from '../../src/lib/metrics/run/plan';
import { aggregateRouge, scoreRouge, type RougeScores } from '../../src/lib/metrics/rouge';
import { estimateCi, pValue } from '../../src/lib/metrics/stats';
import {
  createContext,
  handleRequest,
  type JobRow,
  type MetricJob,
  type MetricResult,
  type MetricsConfig,
  type MetricsResponse,
  type PairedResult,
} from '../../src/lib/metrics/run';

const STATS = { bootstrapSamples: 200, arTrials: 500, seed: 7, level: 0.95 };
const rows: JobRow[] = [
  {
    idx: 0,
    id: 'a',
    references: ['The cat sat on the mat.'],
    responses: { base: 'A cat sat on a mat.', ft: 'The cat sat on the mat.' },
    tags: ['easy'],
  },
  {
    idx: 1,
    id: 'b',
    references: ['It is raining today', 'Rain today'],
    responses: { base: 'Rain today', ft: 'It rains' },
    tags: ['easy', 'multi'],
  },
  { idx: 2, id: 'c', references: ['Paris'], responses: { base: 'paris', ft: 'Paris' }, tags: ['qa'] },
  { idx: 3, id: 'd', references: [], responses: { base: 'no reference here', ft: 'x' }, tags: ['qa'] },
  {
    idx: 4,
    id: 'e',
    references: ['Summaries have lines.\nSecond line here.'],
    responses: { base: 'Second line here.\nSummaries have lines.' },
    tags: [],
  },
];
const bleu = { ...CORPUS_BLEU_DEFAULTS, sentenceEffectiveOrder: true };
const rouge = { types: ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const, useStemmer: true };

async function call(job: MetricJob): Promise<{ messages: MetricsResponse[]; results: MetricResult[] }> {
  const messages: MetricsResponse[] = [];
  await handleRequest(
    { type: 'score', id: 'r1', job },
    createContext((m) => messages.push(m)),
  );
  const last = messages[messages.length - 1];
  if (last?.type !== 'scored') throw new Error(`unexpected answer ${JSON.stringify(last)}`);
  return { messages, results: last.results };
}

function find(results: MetricResult[], metric: string, system: string): MetricResult {
  const r = results.find((x) => x.metric === metric && x.system === system);
  if (!r) throw new Error(`no ${metric}/${system}`);
  return r;
}

describe('handleRequest: score', () => {
  it('BLEU corpus and per-row scores equal corpus_bleu and sentence_bleu on the scored rows', async () => {
    const { results } = await call({ rows, systems: ['base', 'ft'], config: { bleu }, stats: STATS });
    for (const system of ['base', 'ft']) {
      const r = find(results, 'bleu', system);
      const scored = rows.filter((x) => x.references.length > 0 && x.responses[system] !== undefined);
      const lib = corpusBleuSegments(
        scored.map((x) => x.responses[system] ?? ''),
        scored.map((x) => x.references),
      );
      expect(r.corpus.keys.bleu?.value).toBe(lib.score);
      expect(r.corpus.details).toMatchObject({ sysLen: lib.sysLen, refLen: lib.refLen, counts: lib.counts });
      expect(r.signature).toBe(lib.signature);
      expect(r.corpus.rows).toBe(scored.length);
      r.perRow.forEach((v, i) => {
        const row = rows[i];
        if (!row || !v) return;
        expect(v.bleu).toBe(sentenceBleu(row.responses[system] ?? '', row.references).score);
      });
    }
    expect(find(results, 'bleu', 'base').signature).toBe(
      'nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0',
    );
    expect(find(results, 'bleu', 'ft').skipped).toEqual([
      { id: 'd', reason: 'no reference' },
      { id: 'e', reason: 'no response' },
    ]);
  });

  it('chrF corpus and per-row scores equal corpus and sentence chrF', async () => {
    const chrf = { ...defaultMetricsConfig().chrf, wordOrder: 2 };
    const { results } = await call({ rows, systems: ['base'], config: { chrf }, stats: STATS });
    const r = find(results, 'chrf', 'base');
    const scored = rows.filter((x) => x.references.length > 0);
    const lib = corpusChrfSegments(
      scored.map((x) => x.responses.base ?? ''),
      scored.map((x) => x.references),
      chrf,
    );
    expect(r.corpus.keys.chrf?.value).toBe(lib.score);
    expect(r.signature).toBe(lib.signature);
    expect(r.perRow[1]?.chrf).toBe(sentenceChrf('Rain today', rows[1]?.references ?? [], chrf).score);
  });

  it('ROUGE corpus is the mean of score_multi rows, with rouge-score aggregator percentiles', async () => {
    const { results } = await call({
      rows,
      systems: ['base'],
      config: { rouge: { ...rouge, types: [...rouge.types] } },
      stats: STATS,
    });
    const r = find(results, 'rouge', 'base');
    const scored = rows.filter((x) => x.references.length > 0);
    const lib: RougeScores[] = scored.map((x) =>
      scoreRouge(x.responses.base ?? '', x.references, { types: rouge.types, useStemmer: true }),
    );
    const agg = aggregateRouge(lib, rouge.types, { seed: STATS.seed, nSamples: STATS.bootstrapSamples });
    for (const t of rouge.types) {
      const mean = lib.reduce((a, s) => a + (s[t]?.fmeasure ?? 0), 0) / lib.length;
      expect(r.corpus.keys[t]?.value).toBeCloseTo(mean, 14);
      expect(r.corpus.keys[t]?.low).toBe(agg[t]?.low.fmeasure);
      expect(r.corpus.keys[t]?.high).toBe(agg[t]?.high.fmeasure);
    }
    // The reordered two-line summary: rougeLsum (union LCS per sentence) is perfect, rougeL (one LCS) is not.
    expect(r.perRow[4]?.rougeLsum).toBe(1);
    expect(r.perRow[4]?.rougeL).toBeLessThan(1);
  });

  it('exact match has a Wilson interval and per-tag slices equal scoring the subset', async () => {
    const { results } = await call({
      rows,
      systems: ['base'],
      config: { exact_match: { ...STRICT_MATCH, ignoreCase: true } },
      stats: STATS,
    });
    const r = find(results, 'exact_match', 'base');
    // matches: 'Rain today' (row b) and 'paris' (row c, case ignored); 4 scored rows.
    expect(r.corpus.keys.exact_match?.value).toBe(2 / 4);
    expect(r.corpus.keys.exact_match?.method).toBe('wilson');
    // Wilson 95% for 2/4: centre (0.5 + z²/8)/(1 + z²/4), z = 1.959964
    const z = 1.959963984540054;
    const half = (z * Math.sqrt(0.25 / 4 + (z * z) / 64)) / (1 + (z * z) / 4);
    expect(r.corpus.keys.exact_match?.low).toBeCloseTo(0.5 - half, 8);
    expect(Object.keys(r.slices)).toEqual(['easy', 'multi', 'qa']);
    expect(r.slices.easy?.keys.exact_match?.value).toBe(1 / 2);
    expect(r.slices.qa?.rows).toBe(1);
    expect(r.slices.qa?.keys.exact_match?.value).toBe(1);
  });

  it('classification accuracy and multiple choice', async () => {
    const mcRows: JobRow[] = [
      {
        idx: 0,
        id: 'q1',
        references: [],
        responses: { m: 'Answer: B' },
        tags: [],
        choices: ['x', 'y'],
        label: 1,
      },
      {
        idx: 1,
        id: 'q2',
        references: [],
        responses: { m: 'I am not sure' },
        tags: [],
        choices: ['x', 'y'],
        label: 0,
      },
      { idx: 2, id: 'q3', references: [], responses: { m: 'positive' }, tags: [], label: 'positive' },
    ];
    const { results } = await call({
      rows: mcRows,
      systems: ['m'],
      config: { mc_accuracy: {}, accuracy: { ignoreCase: false } },
      stats: STATS,
    });
    const mc = find(results, 'mc_accuracy', 'm');
    expect(mc.corpus.keys.mc_accuracy?.value).toBe(1 / 2);
    expect(mc.corpus.details).toEqual({ correct: 1, unextracted: 1 });
    expect(mc.skipped).toEqual([{ id: 'q3', reason: 'no choices' }]);
    const acc = find(results, 'accuracy', 'm');
    expect(acc.corpus.rows).toBe(3);
    expect(acc.corpus.keys.accuracy?.value).toBe(1 / 3);
  });

  it('reports progress, honours cancel, and answers errors', async () => {
    const big: JobRow[] = Array.from({ length: 6000 }, (_, i) => ({
      idx: i,
      id: `r${i}`,
      references: [`the quick brown fox number ${i} jumps over the lazy dog again and again`],
      responses: { s: `a quick brown fox ${i} jumped over lazy dogs repeatedly` },
      tags: [],
    }));
    const messages: MetricsResponse[] = [];
    const ctx = createContext(
      (m) => {
        messages.push(m);
        if (m.type === 'progress' && m.done > 0) void handleRequest({ type: 'cancel', id: 'big' }, ctx);
      },
      () => new Promise((r) => setTimeout(r, 0)),
    );
    await handleRequest(
      {
        type: 'score',
        id: 'big',
        job: {
          rows: big,
          systems: ['s'],
          config: { rouge: { types: ['rougeL'], useStemmer: true } },
          stats: STATS,
        },
      },
      ctx,
    );
    expect(messages.some((m) => m.type === 'progress')).toBe(true);
    expect(messages[messages.length - 1]).toEqual({ type: 'cancelled', id: 'big' });
    expect(ctx.flags.size).toBe(0);

    const bad: MetricsResponse[] = [];
    // An invalid ROUGE type, as a hand-edited config could carry.
    const badConfig = JSON.parse('{"rouge":{"types":["rouge10"],"useStemmer":false}}') as MetricsConfig;
    await handleRequest(
      {
        type: 'score',
        id: 'e',
        job: {
          rows,
          systems: ['base'],
          config: badConfig,
          stats: STATS,
        },
      },
      createContext((m) => bad.push(m)),
    );
    expect(bad).toEqual([
      { type: 'error', id: 'e', code: 'invalid-input', message: 'Invalid ROUGE type: rouge10' },
    ]);
  });
});

describe('paired tests (sacreBLEU semantics)', () => {
  it('estimate_ci and the p-value rule match hand-worked values', () => {
    const ci = estimateCi(Float64Array.from({ length: 1000 }, (_, i) => 999 - i));
    expect(ci).toEqual({ mean: 499.5, ci: 0.5 * (974 - 25), low: 25, high: 974 });
    expect(pValue([-1, 0, 2, 3], 1)).toBe(3 / 5);
    expect(pValue([0, 0, 0], 0)).toBe(1 / 4); // strict '>': equal differences never count
  });

  it('finds a real difference, and AR is symmetric in the two systems', async () => {
    const n = 60;
    const qa: JobRow[] = Array.from({ length: n }, (_, i) => ({
      idx: i,
      id: `q${i}`,
      references: [`answer ${i}`],
      responses: { good: i % 10 < 8 ? `answer ${i}` : 'wrong', bad: i % 10 < 3 ? `answer ${i}` : 'wrong' },
      tags: [],
    }));
    const config = { exact_match: STRICT_MATCH };
    const { results } = await call({ rows: qa, systems: ['good', 'bad'], config, stats: STATS });
    const per = (s: string) => ({ system: s, perRow: find(results, 'exact_match', s).perRow });
    const ask = async (baseline: string, other: string): Promise<PairedResult[]> => {
      const msgs: MetricsResponse[] = [];
      await handleRequest(
        {
          type: 'compare',
          id: 'c',
          job: {
            config,
            metric: 'exact_match',
            baseline: per(baseline),
            systems: [per(other)],
            stats: STATS,
          },
        },
        createContext((m) => msgs.push(m)),
      );
      const last = msgs[msgs.length - 1];
      if (last?.type !== 'compared') throw new Error(JSON.stringify(last));
      return last.results;
    };
    const ab = await ask('bad', 'good');
    const ba = await ask('good', 'bad');
    const em = ab.find((r) => r.key === 'exact_match');
    expect(em).toMatchObject({ baselineScore: 0.3, systemScore: 0.8, rows: n });
    expect(em?.bootstrap.p).toBeLessThan(0.01);
    expect(em?.randomization.p).toBeLessThan(0.01);
    expect(em?.bootstrap.low).toBeLessThan(0.8);
    expect(em?.bootstrap.high).toBeGreaterThan(0.8);
    expect(ba.find((r) => r.key === 'exact_match')?.randomization.p).toBe(em?.randomization.p);
    // A system against itself: no resample differs, so p is the smallest value, 1/(trials+1), exactly as sacreBLEU.
    const self = (await ask('good', 'good')).find((r) => r.key === 'exact_match');
    expect(self?.randomization.p).toBe(1 / (STATS.arTrials + 1));
  });
});
