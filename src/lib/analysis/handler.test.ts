// The analysis handler without a Worker: answers equal what the views computed on the main thread (same functions,
// same seeds), hand-worked numbers and the Node BLEU library agree, answers survive structured cloning, and every
// failure is an `error` answer with a code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusBleuSegments } from '../metrics';
import { annotationId, type AnnotationLike } from '../ratings/annotations';
import type { SessionConfig } from '../ratings/session';
import { sessionResults } from '../ratings/session-results';
import { recordsOf } from '../report/bundle/remap';
import { restore } from '../report/bundle/restore';
import type { BundleRecords } from '../report/bundle/types';
import { sliceSpec, winRateSpec } from '../report/charts';
import { compareSources } from '../report/compare';
import { buildReportData } from '../report/model';
import { sliceMask, suggestSlices, type SliceDef } from '../report/slices';
import { buildSummary } from '../report/summary';
import { createAnalysisState, handleRequest, type AnalysisState, type SyncRequest } from './handler';
import type { AnalysisResponse } from './protocol';

function demoRecords(): BundleRecords {
  const r = restore(readFileSync('static/demo/demo-project.json.gz'));
  if (!r.ok) throw new Error(r.error.message);
  return recordsOf(r.value);
}

function run(req: SyncRequest, state: AnalysisState): AnalysisResponse {
  const answer = handleRequest(req, state);
  // Everything crosses the worker boundary by structured cloning: the answer must come through unchanged.
  expect(structuredClone(answer)).toEqual(answer);
  return answer;
}

function ok<T extends AnalysisResponse['type']>(
  answer: AnalysisResponse,
  type: T,
): Extract<AnalysisResponse, { type: T }> {
  if (answer.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer as Extract<AnalysisResponse, { type: T }>;
}

describe('human results', () => {
  const config: SessionConfig = {
    kind: 'pairwise',
    systems: ['ft', 'base'],
    selection: { mode: 'all' },
    seed: 1,
    rowIds: ['r1', 'r2', 'r3'],
  };
  const vote = (annotator: string, rowId: string, choice: string): AnnotationLike => ({
    id: annotationId('s', annotator, rowId),
    sessionId: 's',
    rowId,
    annotator,
    kind: 'pairwise',
    value: { choice, left: 'ft', right: 'base', seed: 1 },
    createdAt: 0,
  });
  // ann: ft wins r1, r2, loses r3. bob: ft wins r1, ties r2, loses r3.
  const annotations = [
    vote('ann', 'r1', 'A'),
    vote('ann', 'r2', 'A'),
    vote('ann', 'r3', 'B'),
    vote('bob', 'r1', 'A'),
    vote('bob', 'r2', 'tie'),
    vote('bob', 'r3', 'B'),
  ];
  const tagsByRow = new Map([
    ['r1', ['math']],
    ['r2', ['math']],
    ['r3', ['code']],
  ]);

  const loaded = (datasetPairwise: AnnotationLike[]) => {
    const state = createAnalysisState();
    const data = { annotations, datasetPairwise, tagsByRow };
    const a = run({ type: 'human-load', id: 1, key: 'h1', data }, state);
    expect(a).toEqual({ type: 'human-load', id: 1, key: 'h1' });
    return state;
  };

  it('pools annotators per item and matches the main-thread computation exactly', () => {
    const query = { config, annotator: '', btBaseline: '' };
    const a = ok(
      run({ type: 'human-results', id: 7, key: 'h1', query }, loaded(annotations)),
      'human-results',
    );
    expect(a.id).toBe(7);
    // Item scores: r1 = 1, r2 = (1 + ½)/2 = ¾, r3 = 0 → (1 + ¾ + 0) / 3.
    expect(a.results.summary?.winRate).toBeCloseTo(1.75 / 3, 12);
    expect(a.results.annotators).toEqual(['ann', 'bob']);
    // Larger slices first.
    expect(a.results.slices.map((s) => [s.tag, s.summary.items])).toEqual([
      ['math', 2],
      ['code', 1],
    ]);
    // Agreement on 2 of 3 items (r2 differs).
    expect(a.results.pairwiseAgreement?.percent.value).toBeCloseTo(2 / 3, 12);
    expect(a.results).toEqual(sessionResults(config, annotations, annotations, tagsByRow, '', ''));
  });

  it('restricts win rates to one annotator when asked, on the annotations loaded once', () => {
    const state = loaded([]);
    const query = { config, annotator: 'bob', btBaseline: '' };
    const bob = ok(run({ type: 'human-results', id: 2, key: 'h1', query }, state), 'human-results');
    // bob: 1, ½, 0.
    expect(bob.results.summary?.winRate).toBeCloseTo(0.5, 12);
    const all = run({ type: 'human-results', id: 3, key: 'h1', query: { ...query, annotator: '' } }, state);
    expect(ok(all, 'human-results').results.summary?.winRate).toBeCloseTo(1.75 / 3, 12);
    const stale = handleRequest({ type: 'human-results', id: 4, key: 'h0', query }, state);
    expect(stale).toMatchObject({ type: 'error', id: 4, code: 'human-not-loaded' });
  });
});

describe('report', () => {
  const records = demoRecords();
  const data = buildReportData(records);
  if (!data) throw new Error('no report data');
  const loaded = () => {
    const state = createAnalysisState();
    const a = ok(run({ type: 'report-load', id: 1, key: 'k1', records }, state), 'report-load');
    expect(a.rows).toBe(data.rows.length);
    return state;
  };

  it('summarises all rows as buildSummary does', () => {
    const a = ok(run({ type: 'report-summary', id: 2, key: 'k1', mask: null }, loaded()), 'report-summary');
    expect(a.summary).toEqual(buildSummary(data, null));
    expect(a.summary.rows).toBe(60);
  });

  it("recomputes a tag slice's BLEU as the corpus BLEU of its rows (Node library), same numbers as before", () => {
    const def: SliceDef = { kind: 'tag', tag: 'math' };
    const m = sliceMask(data.rows, def);
    if (!m.ok) throw new Error(m.error);
    const a = ok(
      run({ type: 'report-summary', id: 3, key: 'k1', mask: m.value }, loaded()),
      'report-summary',
    );
    expect(a.summary).toEqual(buildSummary(data, m.value));
    const math = data.rows.filter((r) => r.tags.includes('math'));
    expect(a.summary.rows).toBe(math.length);
    for (const system of ['finetuned', 'base']) {
      const bleu = a.summary.stats.find((s) => s.metric === 'bleu' && s.system === system);
      const expected = corpusBleuSegments(
        math.map((r) => r.responses[system] ?? ''),
        math.map((r) => r.references),
      ).score;
      expect(bleu?.value).toBeCloseTo(expected, 9);
      expect(bleu?.method).toMatch(/corpus score recomputed on the slice/);
      expect(bleu?.interval?.low).toBeLessThanOrEqual(expected);
    }
  });

  it('draws the per-slice charts with the 400-round bootstrap the evidence panel used', () => {
    const slices: SliceDef[] = [{ kind: 'all' }, ...suggestSlices(data.rows).slice(0, 8)];
    const state = loaded();
    const a = ok(
      run({ type: 'report-breakdown', id: 4, key: 'k1', metric: 'bleu', slices }, state),
      'report-breakdown',
    );
    expect(a.charts.slice).toEqual(sliceSpec(data, 'bleu', slices, { rounds: 400 }));
    expect(a.charts.winRate).toEqual(winRateSpec(data, slices, { rounds: 400 }));
    expect(a.charts.slice?.categories).toHaveLength(9);
    const none = ok(
      run({ type: 'report-breakdown', id: 5, key: 'k1', metric: 'no-such-metric', slices }, state),
      'report-breakdown',
    );
    expect(none.charts.slice).toBeNull();
  });

  it('compares two sources row by row as compareSources does', () => {
    const [a, b] = data.sources.filter((s) => s.metric === 'bleu');
    if (!a || !b) throw new Error('two BLEU sources expected');
    const req = { type: 'report-compare', id: 6, key: 'k1', a: a.key, b: b.key } as const;
    const answer = ok(run(req, loaded()), 'report-compare');
    expect(answer.comparison).toEqual(compareSources(a, b));
    expect(answer.comparison.paired).toBe(60);
  });

  it('answers with an error code: report not loaded, another report, a mask of the wrong length, unknown source', () => {
    const state = loaded();
    const codes = [
      handleRequest({ type: 'report-summary', id: 8, key: 'k1', mask: null }, createAnalysisState()),
      handleRequest({ type: 'report-summary', id: 9, key: 'other', mask: null }, state),
      handleRequest({ type: 'report-summary', id: 10, key: 'k1', mask: [true, false] }, state),
      handleRequest({ type: 'report-compare', id: 11, key: 'k1', a: 'nope', b: 'nope' }, state),
    ].map((r) => (r.type === 'error' ? [r.id, r.code] : [r.id, r.type]));
    expect(codes).toEqual([
      [8, 'report-not-loaded'],
      [9, 'report-not-loaded'],
      [10, 'bad-mask'],
      [11, 'unknown-source'],
    ]);
  });

  it('a project without a dataset is an error, and keeps the report loaded before', () => {
    const state = loaded();
    const empty = { ...records, datasets: [], rows: [] };
    const a = handleRequest({ type: 'report-load', id: 12, key: 'k2', records: empty }, state);
    expect(a).toMatchObject({ type: 'error', id: 12, code: 'report-empty' });
    expect(state.report?.key).toBe('k1');
  });
});
