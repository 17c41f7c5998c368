// Rows for the `judge` command line, from records already parsed by the shared reader (src/cli/input.ts: JSONL, a
// JSON array, or CSV with a header). Each record has an id, a prompt, a response (single grading) or one response
// per system for pairwise — fields named by the systems, or `responses: {name: text}` — and an optional reference.
// A bad record is reported by line and field and skipped; the valid ones are kept.
import type { JudgeRow } from './plan';

/** A parsed record and its line (file line, or element number in a JSON array). */
export interface JudgeRecord {
  line: number;
  value: unknown;
}

/** A record that could not be used: `reason` is worded to follow "field 'x': " when `field` is set. */
export interface JudgeInputProblem {
  line: number;
  field: string | null;
  reason: string;
}

const PROMPT_FIELDS = ['prompt', 'instruction', 'question', 'input'];
const REFERENCE_FIELDS = ['reference', 'references', 'target', 'answer', 'expected', 'ideal'];

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Maps records to judge rows. `systems` names the responses to pick (single: [] means the `response` field). */
export function judgeRows(
  records: Iterable<JudgeRecord>,
  systems: readonly string[],
): { rows: JudgeRow[]; problems: JudgeInputProblem[] } {
  const rows: JudgeRow[] = [];
  const problems: JudgeInputProblem[] = [];
  const ids = new Set<string>();
  for (const { line, value } of records) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, field: null, reason: 'not an object' });
      continue;
    }
    const rec = value as Record<string, unknown>;
    const id = text(rec.id) ?? `row-${line}`;
    if (ids.has(id)) {
      problems.push({ line, field: 'id', reason: `duplicate id "${id}"` });
      continue;
    }
    const promptField = PROMPT_FIELDS.find((f) => text(rec[f]) !== undefined);
    if (!promptField) {
      problems.push({ line, field: 'prompt', reason: `missing (or ${PROMPT_FIELDS.slice(1).join(', ')})` });
      continue;
    }
    const nested =
      rec.responses && typeof rec.responses === 'object' ? (rec.responses as Record<string, unknown>) : {};
    const responses: Record<string, string> = {};
    const wanted = systems.length > 0 ? systems : ['response'];
    let missing: string | null = null;
    for (const s of wanted) {
      const r =
        text(nested[s]) ??
        text(rec[s]) ??
        (s === 'response' ? (text(rec.output) ?? text(rec.completion)) : undefined);
      if (r === undefined) missing ??= s;
      else responses[s] = r;
    }
    if (missing !== null) {
      problems.push({ line, field: missing, reason: `no response (a field or responses.${missing})` });
      continue;
    }
    // null (or a null entry of an array) means "no reference", as in the score command.
    const refField = REFERENCE_FIELDS.find((f) => rec[f] !== undefined && rec[f] !== null && rec[f] !== '');
    const refValue = refField ? rec[refField] : undefined;
    const references = Array.isArray(refValue)
      ? refValue.filter((r) => r !== null && r !== undefined).map(String)
      : refValue !== undefined
        ? [String(refValue)]
        : [];
    ids.add(id);
    rows.push({ id, prompt: text(rec[promptField]) ?? '', references, responses });
  }
  return { rows, problems };
}
