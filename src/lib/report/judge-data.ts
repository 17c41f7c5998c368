// LLM-judge results in the report: single-answer score sources and pairwise vote sets, read from the judge runs
// and judgments the Judge view writes (src/lib/state/judge-run.svelte.ts) and aggregated like the Judge view does
// (src/lib/judge/aggregate.ts: per-row mean over repeats; pairs resolved over both orders). Pure.
import { resolveRows, type JudgedItem } from '../judge/aggregate';
import type { PairwiseVote } from '../ratings/types';
import type { JudgeRunRecord } from '../db/records';
import type { BundleRecords } from './bundle/types';
import type { PairwiseSet, ScoreSource } from './model';

function judgedItems(b: BundleRecords, runId: string): JudgedItem[] {
  return b.judgments
    .filter((j) => j.runId === runId)
    .map((j) => ({
      rowId: j.rowId,
      repeat: j.repeat,
      status: j.status,
      ...(j.system !== undefined ? { system: j.system } : {}),
      ...(j.order !== undefined ? { order: j.order } : {}),
      ...(j.score !== undefined ? { score: j.score } : {}),
      ...(j.verdict !== undefined ? { verdict: j.verdict } : {}),
    }));
}

/**
 * Whether a pairwise run asked both orders. The Judge view records it in `params.bothOrders` and reads a missing
 * flag as true; runs without the flag (imports) are judged by their judgments: both orders of every (row, repeat).
 */
function askedBothOrders(run: JudgeRunRecord, items: readonly JudgedItem[]): boolean {
  const flag = run.params['bothOrders'];
  if (typeof flag === 'boolean') return flag;
  const orders = new Map<string, Set<string>>();
  for (const it of items) {
    const k = `${it.rowId}\u0000${it.repeat}`;
    orders.set(k, (orders.get(k) ?? new Set()).add(it.order ?? 'AB'));
  }
  return orders.size > 0 && [...orders.values()].every((o) => o.size === 2);
}

function singleSources(
  run: JudgeRunRecord,
  items: readonly JudgedItem[],
  base: Pick<ScoreSource, 'label' | 'signature' | 'createdAt'> & { range?: [number, number]; note?: string },
  rowPos: Map<string, number>,
  n: number,
): ScoreSource[] {
  return run.systems.map((system) => {
    const sums = new Map<number, { s: number; k: number }>();
    for (const it of items) {
      if (it.system !== system || it.status !== 'done' || it.score === undefined) continue;
      const pos = rowPos.get(it.rowId);
      if (pos === undefined) continue;
      const acc = sums.get(pos) ?? { s: 0, k: 0 };
      acc.s += it.score;
      acc.k += 1;
      sums.set(pos, acc);
    }
    const scores = new Array<number | null>(n).fill(null);
    for (const [pos, { s, k }] of sums) scores[pos] = s / k;
    return {
      ...base,
      key: `judge:${run.id}:${system}`,
      kind: 'judge' as const,
      metric: 'judge',
      system,
      higherIsBetter: true,
      scores,
      stored: { score: null, interval: null },
    };
  });
}

/** Score sources (single-answer runs) and vote sets (pairwise runs) of every judge run of a dataset. */
export function judgeData(
  b: BundleRecords,
  datasetId: string,
  rowPos: Map<string, number>,
  n: number,
  notice: string | undefined,
): { sources: ScoreSource[]; pairwise: PairwiseSet[] } {
  const sources: ScoreSource[] = [];
  const pairwise: PairwiseSet[] = [];
  // "Try on N rows" runs check a rubric before a full run; they are not results.
  const runs = b.judgeRuns.filter((r) => r.datasetId === datasetId && r.params['purpose'] !== 'try');
  for (const run of runs) {
    const rubric = b.rubrics.find((r) => r.id === run.rubricId);
    const version = rubric?.version ?? run.params['rubricVersion'] ?? '?';
    const rubricName = rubric?.name ?? run.rubricId;
    const signature = `judge:${run.provider}/${run.model}|rubric:${rubricName}@v${String(version)}`;
    const items = judgedItems(b, run.id);
    // Recorded results (the demo's sample judge) say so on every number they produce.
    const recorded = typeof run.params['recorded'] === 'string' ? run.params['recorded'] : undefined;
    const note = recorded ?? notice;
    const label = `Judge (${rubric?.name ?? 'rubric'})`;
    if (run.mode === 'single') {
      sources.push(
        ...singleSources(
          run,
          items,
          {
            label,
            signature,
            createdAt: run.createdAt,
            ...(rubric?.scale ? { range: [rubric.scale.min, rubric.scale.max] as [number, number] } : {}),
            ...(note ? { note } : {}),
          },
          rowPos,
          n,
        ),
      );
      continue;
    }
    const [first, second] = run.systems;
    if (first === undefined || second === undefined) continue;
    const votes: PairwiseVote[] = resolveRows(items, askedBothOrders(run, items)).map((p) => ({
      rowId: p.rowId,
      annotator: `judge#${p.repeat}`,
      left: first,
      right: second,
      choice: p.outcome === 'win' ? 'A' : p.outcome === 'loss' ? 'B' : 'tie',
    }));
    pairwise.push({
      key: `judge:${run.id}`,
      kind: 'judge',
      label: `${label}, ${run.model}`,
      systems: [first, second],
      votes,
      ...(note ? { note } : {}),
    });
  }
  return { sources, pairwise };
}
