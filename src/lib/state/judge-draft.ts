// The judge page's rubric draft and the figures derived from it: validation, the unchanged-version check, the
// pre-flight estimate and run labels. Plain functions (no Svelte, no Dexie) used by the judge page state.
import type { JudgeRunRecord, RubricRecord, RowRecord } from '../db/records';
import { approxTokens, estimateRun, type Estimate, type Price } from '../judge/cost';
import { planJobs, type JudgeSpec } from '../judge/plan';
import { validateTemplate, type RubricTemplate } from '../judge/templates';
import type { JudgeMode } from '../judge/types';

/** The rubric being edited. */
export interface RubricDraft {
  name: string;
  template: string;
  mode: JudgeMode;
  min: number;
  max: number;
}

/** A token counter and its name for the estimate's note. */
export interface TokenCounter {
  fn: (t: string) => number;
  name: string;
}

/** The editor's draft of a built-in template or a saved version. */
export function draftFrom(t: RubricTemplate | RubricRecord): RubricDraft {
  return { name: t.name, template: t.template, mode: t.mode, min: t.scale?.min ?? 1, max: t.scale?.max ?? 5 };
}

/** Problems with a draft rubric. */
export function draftProblems(draft: RubricDraft): string[] {
  const p = validateTemplate(draft.template, draft.mode);
  if (draft.mode === 'single' && !(draft.min < draft.max)) p.push('The score range needs min < max.');
  return p;
}

/** The draft's score range, which only single grading has. */
export function draftScale(d: RubricDraft): { min: number; max: number } | undefined {
  return d.mode === 'single' ? { min: d.min, max: d.max } : undefined;
}

/** The latest saved version of the draft's name when it is identical to the draft (no new version needed). */
export function unchangedVersion(rubrics: readonly RubricRecord[], d: RubricDraft): RubricRecord | undefined {
  const scale = draftScale(d);
  const latest = rubrics.find((r) => r.name === d.name);
  if (
    latest &&
    latest.template === d.template &&
    latest.mode === d.mode &&
    latest.scale?.min === scale?.min &&
    latest.scale?.max === scale?.max
  )
    return latest;
  return undefined;
}

/** Pre-flight estimate for a run of the draft over some rows (all rows when rowIds is absent). */
export function estimateDraft(
  draft: RubricDraft,
  spec: JudgeSpec,
  allRows: readonly RowRecord[],
  opts: { systems: string[]; repeats: number; bothOrders: boolean; rowIds?: string[] | undefined },
  price: Price | null,
  counter: TokenCounter | null,
): Estimate {
  const rowIds = opts.rowIds;
  const rows = rowIds ? allRows.filter((r) => rowIds.includes(r.id)) : allRows;
  const rubric = {
    template: draft.template,
    mode: draft.mode,
    scale: { min: draft.min, max: draft.max },
  };
  const { jobs } = planJobs(rows, rubric, spec, {
    systems: opts.systems,
    repeats: opts.repeats,
    bothOrders: opts.bothOrders,
  });
  return estimateRun(
    jobs.map((j) => ({ system: j.systemPrompt, user: j.user })),
    Math.min(spec.params.maxTokens, 300),
    price,
    counter?.fn ?? approxTokens,
    counter?.name ?? 'approx. 4 characters per token',
  );
}

/** A label for a run: rubric name and version, model, rows, status. */
export function runLabel(run: JudgeRunRecord, rubric: RubricRecord | undefined): string {
  const rows = Array.isArray(run.params.rowIds)
    ? `${(run.params.rowIds as unknown[]).length} rows`
    : 'all rows';
  return `${rubric ? `${rubric.name} v${rubric.version}` : 'rubric'} · ${run.model} · ${rows} · ${run.status}`;
}
