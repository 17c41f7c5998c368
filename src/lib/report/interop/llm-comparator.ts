// LLM Comparator JSON (PAIR-code/llm-comparator client/lib/types.ts: DataResponse {metadata, models, examples}).
// Export: a pairwise set becomes `score` per example on LLM Comparator's scale (+1.5 = A much better, 0 = tie,
// −1.5 = B much better), each vote an individual rating, and per-row metric scores per_model_number fields.
// Import: examples become rows with two responses, and their scores a pairwise judge run (tie band ±0.25, the
// app's default), each individual rating one repeat.
import { err, ok, type Result, type Row } from '../../core/types';
import { itemScores } from '../../ratings/winrate';
import type { ReportData } from '../model';
import type { BundleRecords } from '../bundle/types';
import { isObj, projectAround, textOf } from './common';

/** Tie band of LLM Comparator's win-rate chart. */
export const TIE_BAND = 0.25;

/** The LLM Comparator file for two systems of a report (the first pairwise set's systems, or the first two). */
export function toLlmComparator(data: ReportData, sourcePath = 'yardstick'): Record<string, unknown> {
  const set = data.pairwise.find((p) => p.kind === 'judge') ?? data.pairwise[0];
  const [a = '', b = ''] = set ? set.systems : data.systems;
  const pooled = set ? itemScores(set.votes, a, b) : new Map<string, number>();
  const metrics = [
    ...new Set(data.sources.filter((s) => s.system === a || s.system === b).map((s) => s.metric)),
  ];
  const perModel = (metric: string, system: string, pos: number) =>
    data.sources.find((s) => s.metric === metric && s.system === system)?.scores[pos] ?? null;
  return {
    metadata: {
      source_path: sourcePath,
      custom_fields_schema: metrics.map((m) => ({ name: m, type: 'per_model_number' })),
    },
    models: [{ name: a }, { name: b }],
    examples: data.rows.map((row, pos) => {
      const s = pooled.get(row.id);
      const votes = set ? set.votes.filter((v) => v.rowId === row.id && v.choice !== 'skip') : [];
      return {
        index: pos,
        input_text: row.prompt,
        tags: row.tags,
        output_text_a: row.responses[a] ?? '',
        output_text_b: row.responses[b] ?? '',
        score: s === undefined ? null : (s - 0.5) * 3,
        individual_rater_scores: votes.map((v, i) => {
          const aWon = (v.choice === 'A' && v.left === a) || (v.choice === 'B' && v.right === a);
          const bWon = (v.choice === 'A' && v.left === b) || (v.choice === 'B' && v.right === b);
          return {
            index: i,
            score: aWon ? 1.5 : bWon ? -1.5 : 0,
            rating_label: aWon ? 'A is better' : bWon ? 'B is better' : 'same',
            is_flipped: v.left === b,
            rationale: null,
            custom_fields: {},
          };
        }),
        rationale_list: [],
        custom_fields: Object.fromEntries(
          metrics.map((m) => [m, [perModel(m, a, pos), perModel(m, b, pos)]]),
        ),
      };
    }),
  };
}

function verdictOf(score: number): 'A' | 'B' | 'tie' {
  return score > TIE_BAND ? 'A' : score < -TIE_BAND ? 'B' : 'tie';
}

/** Reads an LLM Comparator file into a new project; errors name the example and field. */
export function fromLlmComparator(
  json: unknown,
  name: string,
  now = Date.now(),
): Result<BundleRecords, string> {
  if (!isObj(json) || !Array.isArray(json['examples']) || !Array.isArray(json['models']))
    return err('Not an LLM Comparator file: expected {metadata, models, examples}.');
  const models = json['models'].map((m) => (isObj(m) && typeof m['name'] === 'string' ? m['name'] : null));
  const [a, b] = models;
  if (!a || !b || a === b) return err('models: expected two models with distinct names.');
  const rows: Row[] = [];
  const judged: {
    rowId: string;
    repeat: number;
    verdict: 'A' | 'B' | 'tie';
    order: 'AB' | 'BA';
    raw: string;
  }[] = [];
  for (const [i, ex] of json['examples'].entries()) {
    if (!isObj(ex)) return err(`examples[${i}]: expected an object.`);
    const prompt = textOf(ex['input_text']);
    const outA = textOf(ex['output_text_a']);
    const outB = textOf(ex['output_text_b']);
    if (prompt === null) return err(`examples[${i}].input_text: expected text.`);
    if (outA === null || outB === null) return err(`examples[${i}].output_text_a/b: expected text.`);
    const id = `ex-${typeof ex['index'] === 'number' ? ex['index'] : i}`;
    const custom = isObj(ex['custom_fields']) ? ex['custom_fields'] : {};
    const metadata = Object.fromEntries(Object.entries(custom).filter(([, v]) => !Array.isArray(v)));
    rows.push({
      id,
      idx: i,
      prompt,
      references: [],
      responses: { [a]: outA, [b]: outB },
      tags: Array.isArray(ex['tags']) ? ex['tags'].filter((t): t is string => typeof t === 'string') : [],
      metadata,
    });
    const ratings = Array.isArray(ex['individual_rater_scores']) ? ex['individual_rater_scores'] : [];
    const rated = ratings.filter(
      (r): r is Record<string, unknown> => isObj(r) && typeof r['score'] === 'number',
    );
    if (rated.length)
      rated.forEach((r, k) => {
        // Ratings are stored from A's point of view; a flipped one was shown to the judge as (B, A).
        const v = verdictOf(r['score'] as number);
        const flipped = r['is_flipped'] === true;
        judged.push({
          rowId: id,
          repeat: k,
          order: flipped ? 'BA' : 'AB',
          verdict: flipped && v !== 'tie' ? (v === 'A' ? 'B' : 'A') : v,
          raw: typeof r['rationale'] === 'string' ? r['rationale'] : '',
        });
      });
    else if (typeof ex['score'] === 'number')
      judged.push({ rowId: id, repeat: 0, order: 'AB', verdict: verdictOf(ex['score']), raw: '' });
  }
  const rec = projectAround(name, 'LLM Comparator JSON', rows, [a, b], now);
  if (judged.length) {
    rec.rubrics.push({
      id: 'llmc-rubric',
      projectId: 'imported',
      name: 'LLM Comparator judge',
      version: 1,
      template: '(imported)',
      mode: 'pairwise',
      createdAt: now,
    });
    rec.judgeRuns.push({
      id: 'llmc-run',
      projectId: 'imported',
      datasetId: 'imported-dataset',
      rubricId: 'llmc-rubric',
      provider: 'imported',
      model: 'LLM Comparator',
      // One order per example: the Judge view reads a missing bothOrders as true and would resolve nothing.
      params: { tieBand: TIE_BAND, bothOrders: false },
      mode: 'pairwise',
      systems: [a, b],
      status: 'done',
      createdAt: now,
      updatedAt: now,
    });
    judged.forEach((j, k) =>
      rec.judgments.push({
        id: `llmc-${k}`,
        runId: 'llmc-run',
        rowId: j.rowId,
        cacheKey: `imported:llmc:${j.rowId}:${j.repeat}`,
        order: j.order,
        repeat: j.repeat,
        status: 'done',
        verdict: j.verdict,
        ...(j.raw ? { raw: j.raw } : {}),
        updatedAt: now,
      }),
    );
  }
  return ok(rec);
}
