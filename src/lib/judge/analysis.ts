// Everything the judge page shows about one run, computed from its judgments: summaries, the unparsed bucket,
// reliability evidence (with human annotations where they exist) and the side-by-side comparison of two runs.
import { mean } from '../ratings/stats';
import { outcomeFor } from '../ratings/winrate';
import { toLikertVotes, toPairwiseVotes, type AnnotationLike } from '../ratings/annotations';
import {
  countStatuses,
  summariseSingle,
  summarisePairwise,
  type JudgedItem,
  type StatusCounts,
  type SystemScore,
} from './aggregate';
import {
  pairRepeatAgreement,
  preferLonger,
  reliabilityVerdict,
  repeatVariance,
  scoreAgreement,
  spearman,
  verdictAgreement,
  type Agreement,
} from './reliability';

/** A stored judgment as the analysis needs it. */
export interface JudgmentLike extends JudgedItem {
  raw?: string;
  error?: string;
}

/** The rows' responses (for lengths). */
export interface RowLike {
  id: string;
  responses: Readonly<Record<string, string>>;
}

/** The run fields the analysis needs. */
export interface RunLike {
  mode: 'single' | 'pairwise';
  systems: string[];
  bothOrders: boolean;
}

/** The page's view of a run. */
export interface RunAnalysis {
  counts: StatusCounts;
  single: SystemScore[] | null;
  pairwise: ReturnType<typeof summarisePairwise> | null;
  /** Single: Spearman of score against response length (characters). */
  scoreLengthRho: number | null;
  preferLonger: ReturnType<typeof preferLonger> | null;
  repeat: { items: number; meanSd: number; agreeShare: number };
  human: Agreement | null;
  verdict: ReturnType<typeof reliabilityVerdict>;
}

function humanScores(annotations: readonly AnnotationLike[]): Map<string, number> {
  // Mean human Likert score per row and system, over annotators and dimensions.
  const acc = new Map<string, number[]>();
  for (const v of toLikertVotes(annotations)) {
    const k = `${v.rowId}\u241f${v.system}`;
    acc.set(k, [...(acc.get(k) ?? []), v.score]);
  }
  return new Map([...acc].map(([k, xs]) => [k, mean(xs)]));
}

function humanOutcomes(
  annotations: readonly AnnotationLike[],
  first: string,
  second: string,
): Map<string, string> {
  // Majority human outcome per row for the first system (win/tie/loss); both-bad counts as a tie.
  const acc = new Map<string, number[]>();
  for (const v of toPairwiseVotes(annotations)) {
    const o = outcomeFor(v, first, second);
    if (o === null) continue;
    acc.set(v.rowId, [...(acc.get(v.rowId) ?? []), o === 'win' ? 1 : o === 'loss' ? 0 : 0.5]);
  }
  return new Map([...acc].map(([k, xs]) => [k, mean(xs) > 0.5 ? 'win' : mean(xs) < 0.5 ? 'loss' : 'tie']));
}

/** Analyses one run. */
export function analyseRun(
  run: RunLike,
  judgments: readonly JudgmentLike[],
  rows: readonly RowLike[],
  annotations: readonly AnnotationLike[],
): RunAnalysis {
  const counts = countStatuses(judgments);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  let single: SystemScore[] | null = null;
  let pairwise: RunAnalysis['pairwise'] = null;
  let scoreLengthRho: number | null = null;
  let longer: RunAnalysis['preferLonger'] = null;
  let human: Agreement | null = null;
  const rv = repeatVariance(judgments);
  let agreeShare = NaN;
  if (run.mode === 'single') {
    single = summariseSingle(judgments, run.systems);
    const scored = judgments.filter(
      (j) => j.status === 'done' && j.score !== undefined && j.system !== undefined,
    );
    const lens = scored.map((j) => rowById.get(j.rowId)?.responses[j.system ?? '']?.length ?? 0);
    scoreLengthRho =
      scored.length >= 3
        ? spearman(
            scored.map((j) => j.score ?? 0),
            lens,
          )
        : null;
    // Judge score per (row, system) = mean over repeats, against the human mean.
    const hs = humanScores(annotations);
    const js = new Map<string, number[]>();
    for (const j of scored) {
      const k = `${j.rowId}\u241f${j.system ?? ''}`;
      js.set(k, [...(js.get(k) ?? []), j.score ?? 0]);
    }
    const pairs = [...js].flatMap(([k, xs]) => {
      const h = hs.get(k);
      return h === undefined ? [] : [[mean(xs), h] as const];
    });
    if (pairs.length > 0) human = scoreAgreement(pairs);
  } else {
    const [first, second] = run.systems;
    if (first !== undefined && second !== undefined) {
      pairwise = summarisePairwise(judgments, [first, second], run.bothOrders);
      const lengths = new Map(
        rows.map((r) => [r.id, [r.responses[first]?.length ?? 0, r.responses[second]?.length ?? 0] as const]),
      );
      longer = preferLonger(pairwise.pairs, lengths);
      agreeShare = pairRepeatAgreement(pairwise.pairs).agreeShare;
      const ho = humanOutcomes(annotations, first, second);
      const judgeByRow = new Map<string, number[]>();
      for (const p of pairwise.pairs) {
        const s = p.outcome === 'win' ? 1 : p.outcome === 'loss' ? 0 : 0.5;
        judgeByRow.set(p.rowId, [...(judgeByRow.get(p.rowId) ?? []), s]);
      }
      const pairs = [...judgeByRow].flatMap(([rowId, xs]) => {
        const h = ho.get(rowId);
        const m = mean(xs);
        return h === undefined ? [] : [[m > 0.5 ? 'win' : m < 0.5 ? 'loss' : 'tie', h] as const];
      });
      if (pairs.length > 0) human = verdictAgreement(pairs);
    }
  }
  const verdict = reliabilityVerdict({
    judged: counts.done,
    unparsed: counts.unparsed,
    ...(pairwise ? { consistency: pairwise.swap.consistency } : {}),
    ...(Number.isFinite(rv.meanSd) ? { repeatSd: rv.meanSd } : {}),
    ...(longer && longer.decided >= 5 ? { preferLongerShare: longer.share } : {}),
    ...(human ? { human } : {}),
  });
  return {
    counts,
    single,
    pairwise,
    scoreLengthRho,
    preferLonger: longer,
    repeat: { items: rv.items, meanSd: rv.meanSd, agreeShare },
    human,
    verdict,
  };
}

/** One row of a side-by-side comparison of two runs (rubric versions). */
export interface CompareRow {
  key: string;
  rowId: string;
  label: string;
  left: string | number | null;
  right: string | number | null;
  changed: boolean;
}

function perKey(
  judgments: readonly JudgmentLike[],
): Map<string, { rowId: string; label: string; value: string | number | null }> {
  const groups = new Map<
    string,
    { rowId: string; label: string; values: (string | number)[]; any: boolean }
  >();
  for (const j of judgments) {
    const label = j.system ?? j.order ?? '';
    const k = `${j.rowId}\u241f${label}`;
    const g = groups.get(k) ?? { rowId: j.rowId, label, values: [], any: false };
    g.any = true;
    if (j.status === 'done') {
      if (j.score !== undefined) g.values.push(j.score);
      else if (j.verdict !== undefined) g.values.push(j.verdict);
    }
    groups.set(k, g);
  }
  return new Map(
    [...groups].map(([k, g]) => {
      const nums = g.values.filter((v): v is number => typeof v === 'number');
      const value =
        g.values.length === 0 ? null : nums.length === g.values.length ? mean(nums) : String(g.values[0]);
      return [k, { rowId: g.rowId, label: g.label, value }];
    }),
  );
}

/** Compares two runs item by item: values side by side, what changed, and their agreement. */
export function compareRuns(
  left: readonly JudgmentLike[],
  right: readonly JudgmentLike[],
): { rows: CompareRow[]; changed: number; both: number; exact: number; rho: number | null } {
  const a = perKey(left);
  const b = perKey(right);
  const rows: CompareRow[] = [];
  for (const [k, x] of a) {
    const y = b.get(k);
    if (!y) continue;
    rows.push({
      key: k,
      rowId: x.rowId,
      label: x.label,
      left: x.value,
      right: y.value,
      changed: x.value !== y.value,
    });
  }
  const both = rows.filter((r) => r.left !== null && r.right !== null);
  const numeric = both.filter((r) => typeof r.left === 'number' && typeof r.right === 'number');
  return {
    rows,
    changed: rows.filter((r) => r.changed).length,
    both: both.length,
    exact: both.length ? both.filter((r) => !r.changed).length / both.length : NaN,
    rho:
      numeric.length >= 3
        ? spearman(
            numeric.map((r) => Number(r.left)),
            numeric.map((r) => Number(r.right)),
          )
        : null,
  };
}
