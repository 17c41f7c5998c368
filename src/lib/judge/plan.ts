// Turns rows and a rubric into the list of judge calls (jobs), and a judge's answer into an outcome. Pure: the
// queue runs the jobs and the state layer stores the outcomes.
import { cacheKey } from './cache-key';
import { weightedScore, type WeightedScore } from './geval';
import { parseScore, parseVerdict } from './parse';
import {
  PAIRWISE_SYSTEM,
  SINGLE_SYSTEM,
  VERDICT_SCHEMA,
  fillTemplate,
  scoreSchema,
  type TemplateValues,
} from './templates';
import type { Completion, JudgeMode, JudgeParams, PositionVerdict, ProviderKind, Usage } from './types';

/** The minimum a row must offer the judge. */
export interface JudgeRow {
  id: string;
  prompt: string;
  references: readonly string[];
  responses: Readonly<Record<string, string>>;
}

/** Which judge, exactly (never the key). */
export interface JudgeSpec {
  provider: ProviderKind;
  baseUrl: string;
  model: string;
  params: JudgeParams;
}

/** The rubric fields the plan needs. */
export interface RubricSpec {
  template: string;
  mode: JudgeMode;
  scale?: { min: number; max: number };
}

/** One judge call. */
export interface JudgeJob {
  /** Stable within a run: row, system or order, repeat. */
  id: string;
  rowId: string;
  /** Single: the system graded. */
  system?: string;
  /** Pairwise: AB shows systems[0] as A; BA swaps them. */
  order?: 'AB' | 'BA';
  repeat: number;
  systemPrompt: string;
  user: string;
  schema?: Record<string, unknown>;
  cacheKey: string;
}

/** Options of a plan. */
export interface PlanOptions {
  /** Single: the systems to grade. Pairwise: exactly two, [first, second]. */
  systems: readonly string[];
  repeats: number;
  /** Pairwise: judge both orders (default true). */
  bothOrders?: boolean;
}

/** A row that cannot be judged and why (the run goes on without it). */
export interface SkippedRow {
  rowId: string;
  reason: string;
}

const STRUCTURED_SINGLE =
  ' Answer with a JSON object {"feedback": string, "score": integer}, feedback first.';
const STRUCTURED_PAIR =
  ' Answer with a JSON object {"feedback": string, "verdict": "A" | "B" | "tie"}, feedback first.';

/** Builds every job of a run. Rows missing a variable (a reference, a response) are skipped with a reason. */
export function planJobs(
  rows: readonly JudgeRow[],
  rubric: RubricSpec,
  judge: JudgeSpec,
  options: PlanOptions,
): { jobs: JudgeJob[]; skipped: SkippedRow[] } {
  const jobs: JudgeJob[] = [];
  const skipped: SkippedRow[] = [];
  const structured = judge.params.structured;
  const scale = rubric.scale ?? { min: 1, max: 5 };
  const baseSystem = rubric.mode === 'single' ? SINGLE_SYSTEM : PAIRWISE_SYSTEM;
  const systemPrompt = structured
    ? baseSystem + (rubric.mode === 'single' ? STRUCTURED_SINGLE : STRUCTURED_PAIR)
    : baseSystem;
  const schema = structured ? (rubric.mode === 'single' ? scoreSchema(scale) : VERDICT_SCHEMA) : undefined;
  const repeats = Math.max(1, Math.floor(options.repeats));

  const push = (row: JudgeRow, values: TemplateValues, tag: { system?: string; order?: 'AB' | 'BA' }) => {
    const filled = fillTemplate(rubric.template, values);
    if (!filled.ok) {
      const what = tag.system ?? tag.order ?? '';
      skipped.push({
        rowId: row.id,
        reason: `row ${row.id}${what ? ` (${what})` : ''}: no ${filled.missing.join(', ')}`,
      });
      return;
    }
    for (let r = 0; r < repeats; r++) {
      const key = cacheKey({
        provider: judge.provider,
        baseUrl: judge.baseUrl,
        model: judge.model,
        params: judge.params,
        system: systemPrompt,
        user: filled.text,
        ...(schema ? { schema } : {}),
        repeat: r,
      });
      jobs.push({
        id: `${row.id}\u241f${tag.system ?? tag.order ?? ''}\u241f${r}`,
        rowId: row.id,
        ...tag,
        repeat: r,
        systemPrompt,
        user: filled.text,
        ...(schema ? { schema } : {}),
        cacheKey: key,
      });
    }
  };

  for (const row of rows) {
    const base: TemplateValues = { prompt: row.prompt };
    if (row.references[0] !== undefined) base.reference = row.references[0];
    if (rubric.mode === 'single') {
      for (const system of options.systems) {
        const response = row.responses[system];
        push(row, response === undefined ? base : { ...base, response }, { system });
      }
    } else {
      const [first, second] = options.systems;
      if (first === undefined || second === undefined) throw new Error('Pairwise grading needs two systems');
      const a = row.responses[first];
      const b = row.responses[second];
      if (a === undefined || b === undefined) {
        skipped.push({
          rowId: row.id,
          reason: `row ${row.id}: no response from ${a === undefined ? first : second}`,
        });
        continue;
      }
      push(row, { ...base, response_a: a, response_b: b }, { order: 'AB' });
      if (options.bothOrders ?? true) push(row, { ...base, response_a: b, response_b: a }, { order: 'BA' });
    }
  }
  return { jobs, skipped };
}

/** What became of one job. `score`/`verdict` are absent unless parsed: a failure never becomes a score. */
export interface JudgeOutcome {
  status: 'done' | 'unparsed';
  score?: number;
  verdict?: PositionVerdict;
  /** G-Eval weighting, only when the provider returned logprobs covering the score. */
  weighted?: WeightedScore;
  reason?: string;
}

/** Interprets a judge answer for a job. */
export function interpret(
  completion: Completion,
  mode: JudgeMode,
  scale: { min: number; max: number },
): JudgeOutcome {
  if (mode === 'pairwise') {
    const v = parseVerdict(completion.text);
    return v.ok ? { status: 'done', verdict: v.verdict } : { status: 'unparsed', reason: v.reason };
  }
  const s = parseScore(completion.text, scale);
  if (!s.ok) return { status: 'unparsed', reason: s.reason };
  const out: JudgeOutcome = { status: 'done', score: s.score };
  if (completion.logprobs && Number.isInteger(s.score)) {
    const w = weightedScore(completion.logprobs, s.score, scale);
    if (w) out.weighted = w;
  }
  return out;
}

/** Sum of usages. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}

/** The reminder appended when an unparsed answer is re-asked (JUDGE-NOTES §3.6 step 5). */
export const FORMAT_REMINDER =
  '\n\n(Your previous answer could not be read. Follow the output format exactly: end with the score or verdict in the requested format.)';

/** A job re-asked `times` times with the format reminder: a new request, so a new cache key. */
export function reaskJob(job: JudgeJob, times: number, judge: JudgeSpec): JudgeJob {
  if (times <= 0) return job;
  const user = job.user + FORMAT_REMINDER.repeat(Math.min(times, 1)) + (times > 1 ? ` [${times}]` : '');
  const key = cacheKey({
    provider: judge.provider,
    baseUrl: judge.baseUrl,
    model: judge.model,
    params: judge.params,
    system: job.systemPrompt,
    user,
    ...(job.schema ? { schema: job.schema } : {}),
    repeat: job.repeat,
  });
  return { ...job, user, cacheKey: key };
}
