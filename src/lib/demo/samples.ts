// The demo's recorded sample human ratings and judge results. They are written by a fixed, seeded procedure from
// each row's measured quality (token F1 against the reference), so they look like real evaluation data and are
// reproducible, and every record says that it is a recorded sample, not a study.
import { mulberry32 } from '../core/random';
import { annotationId } from '../ratings/annotations';
import { itemSeed, orderItems, sidesFor, type SessionConfig } from '../ratings/session';
import type {
  AnnotationRecord,
  AnnotationSessionRecord,
  JudgeRunRecord,
  JudgmentRecord,
  RubricRecord,
} from '../db/records';
import type { Row } from '../core/types';

/** The label every recorded sample carries. */
export const HUMAN_NOTE =
  'Recorded sample annotations bundled with the demo (seeded votes of two sample raters), not a user study.';
/** The label of the recorded judge results. */
export const JUDGE_NOTE = 'Recorded sample judge results bundled with the demo; no judge API was called.';

/** Inputs of the sample generator: the project, the rows, two systems and a quality in [0, 1] per row and system. */
export interface SampleInput {
  projectId: string;
  datasetId: string;
  rows: readonly Row[];
  systems: [string, string];
  quality: (row: number, system: string) => number;
  createdAt: number;
}

/** A seeded pairwise preference: the better answer wins, near-equal ones tie, and a share of votes is noisy. */
function prefer(qa: number, qb: number, rand: () => number, noise: number): 'A' | 'B' | 'tie' {
  const r = rand();
  if (r < noise / 2) return 'A';
  if (r < noise) return 'B';
  if (Math.abs(qa - qb) < 0.05) return 'tie';
  return qa > qb ? 'A' : 'B';
}

/**
 * Two raters' pairwise votes, stored as the Human view stores them (src/lib/state/human.svelte.ts): the session
 * config is a full SessionConfig (so the Human view can open the session), sides come from the session seed, and
 * each value is {choice, left, right, seed, itemSeed}.
 */
export function sampleHuman(input: SampleInput): {
  session: AnnotationSessionRecord;
  annotations: AnnotationRecord[];
} {
  const seed = 7;
  const config: SessionConfig & { recorded: string } = {
    kind: 'pairwise',
    systems: [...input.systems],
    selection: { mode: 'all' },
    seed,
    rowIds: orderItems(
      input.rows.map((r) => r.id),
      seed,
    ),
    recorded: HUMAN_NOTE,
  };
  const session: AnnotationSessionRecord = {
    id: 'demo-human',
    projectId: input.projectId,
    datasetId: input.datasetId,
    kind: 'pairwise',
    name: 'Recorded sample annotations',
    config: config as unknown as Record<string, unknown>,
    createdAt: input.createdAt,
  };
  const annotations: AnnotationRecord[] = [];
  for (const [k, annotator] of ['sample-rater-1', 'sample-rater-2'].entries()) {
    const rand = mulberry32(101 + k);
    input.rows.forEach((row, i) => {
      const { left, right } = sidesFor(input.systems, seed, row.id);
      const choice = prefer(input.quality(i, left), input.quality(i, right), rand, 0.15);
      annotations.push({
        id: annotationId(session.id, annotator, row.id),
        sessionId: session.id,
        projectId: input.projectId,
        datasetId: input.datasetId,
        rowId: row.id,
        annotator,
        kind: 'pairwise',
        value: { choice, left, right, seed, itemSeed: itemSeed(seed, row.id) },
        createdAt: input.createdAt + i,
        durationMs: 8000 + Math.round(rand() * 20000),
      });
    });
  }
  return { session, annotations };
}

/** A recorded pairwise judge (both orders, so position consistency shows) and a 1–10 single-answer judge. */
export function sampleJudge(input: SampleInput): {
  rubrics: RubricRecord[];
  runs: JudgeRunRecord[];
  judgments: JudgmentRecord[];
} {
  const base = { projectId: input.projectId, createdAt: input.createdAt };
  const rubrics: RubricRecord[] = [
    {
      ...base,
      id: 'demo-rubric-pair',
      name: 'Which answer is more helpful',
      version: 1,
      template: 'MT-Bench pair-v2',
      mode: 'pairwise',
    },
    {
      ...base,
      id: 'demo-rubric-single',
      name: 'Helpfulness 1–10',
      version: 1,
      template: 'MT-Bench single-v1',
      mode: 'single',
      scale: { min: 1, max: 10 },
    },
  ];
  const run = (id: string, rubricId: string, mode: 'single' | 'pairwise'): JudgeRunRecord => ({
    ...base,
    id,
    datasetId: input.datasetId,
    rubricId,
    provider: 'recorded',
    model: 'sample-judge',
    // The parameters the Judge view records with a run (src/lib/state/judge-run.svelte.ts), plus the label.
    params: {
      recorded: JUDGE_NOTE,
      temperature: 0,
      repeats: 1,
      bothOrders: mode === 'pairwise',
      purpose: 'full',
      rubricVersion: 1,
    },
    mode,
    systems: [...input.systems],
    status: 'done',
    updatedAt: input.createdAt,
  });
  const runs = [
    run('demo-judge-pair', 'demo-rubric-pair', 'pairwise'),
    run('demo-judge-single', 'demo-rubric-single', 'single'),
  ];
  const judgments: JudgmentRecord[] = [];
  const rand = mulberry32(303);
  const [a, b] = input.systems;
  input.rows.forEach((row, i) => {
    for (const order of ['AB', 'BA'] as const) {
      const [first, second] = order === 'AB' ? [a, b] : [b, a];
      const verdict = prefer(input.quality(i, first) + 0.03, input.quality(i, second), rand, 0.1);
      judgments.push({
        id: `demo-jp-${i}-${order}`,
        runId: 'demo-judge-pair',
        rowId: row.id,
        cacheKey: `recorded:pair:${row.id}:${order}`,
        order,
        repeat: 0,
        status: 'done',
        verdict,
        raw: `Recorded sample verdict: [[${verdict === 'tie' ? 'C' : verdict}]]`,
        updatedAt: input.createdAt,
      });
    }
    for (const system of input.systems) {
      const score = Math.max(
        1,
        Math.min(10, Math.round(1 + 9 * input.quality(i, system) + (rand() - 0.5) * 2)),
      );
      judgments.push({
        id: `demo-js-${i}-${system}`,
        runId: 'demo-judge-single',
        rowId: row.id,
        cacheKey: `recorded:single:${row.id}:${system}`,
        system,
        repeat: 0,
        status: 'done',
        score,
        raw: `Recorded sample rating: [[${score}]]`,
        updatedAt: input.createdAt,
      });
    }
  });
  return { rubrics, runs, judgments };
}
