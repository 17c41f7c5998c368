// Rows for the `judge` command line: JSONL, a JSON array, or CSV with a header. Each record has an id, a prompt,
// a response (single grading) or one response per system for pairwise — fields named by the systems, or
// `responses: {name: text}` — and an optional reference. A bad record is reported by line and field and skipped;
// the valid ones are kept.
import Papa from 'papaparse';
import type { JudgeRow } from './plan';

/** A record that could not be used. */
export interface InputError {
  line: number;
  field: string | null;
  message: string;
}

const PROMPT_FIELDS = ['prompt', 'instruction', 'question', 'input'];
const REFERENCE_FIELDS = ['reference', 'references', 'target', 'answer', 'expected', 'ideal'];

function records(text: string, fileName: string): { line: number; value: unknown }[] | InputError {
  const body = text.replace(/^\uFEFF/, '');
  if (/\.csv$/i.test(fileName)) {
    const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: true });
    const bad = parsed.errors[0];
    if (bad) return { line: (bad.row ?? 0) + 2, field: null, message: `CSV: ${bad.message}` };
    return parsed.data.map((value, i) => ({ line: i + 2, value }));
  }
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(body) as unknown;
      if (Array.isArray(arr)) return arr.map((value, i) => ({ line: i + 1, value }));
    } catch (e) {
      return { line: 1, field: null, message: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  const out: { line: number; value: unknown }[] = [];
  body.split(/\r?\n/).forEach((l, i) => {
    if (!l.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(l) as unknown });
    } catch {
      out.push({ line: i + 1, value: Symbol.for('invalid-json') });
    }
  });
  return out;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** Reads judge rows. `systems` names the responses to pick (single: [] means the `response` field). */
export function readJudgeRows(
  body: string,
  fileName: string,
  systems: readonly string[],
): { rows: JudgeRow[]; errors: InputError[] } {
  const recs = records(body, fileName);
  if (!Array.isArray(recs)) return { rows: [], errors: [recs] };
  const rows: JudgeRow[] = [];
  const errors: InputError[] = [];
  const ids = new Set<string>();
  for (const { line, value } of recs) {
    if (value === Symbol.for('invalid-json')) {
      errors.push({ line, field: null, message: `line ${line}: invalid JSON` });
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ line, field: null, message: `line ${line}: not an object` });
      continue;
    }
    const rec = value as Record<string, unknown>;
    const id = text(rec.id) ?? `row-${line}`;
    if (ids.has(id)) {
      errors.push({ line, field: 'id', message: `line ${line}: duplicate id "${id}"` });
      continue;
    }
    const promptField = PROMPT_FIELDS.find((f) => text(rec[f]) !== undefined);
    if (!promptField) {
      errors.push({ line, field: 'prompt', message: `line ${line}: no "prompt" field` });
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
      errors.push({
        line,
        field: missing,
        message: `line ${line}: no response "${missing}" (a field or responses.${missing})`,
      });
      continue;
    }
    const refField = REFERENCE_FIELDS.find((f) => rec[f] !== undefined && rec[f] !== '');
    const refValue = refField ? rec[refField] : undefined;
    const references = Array.isArray(refValue)
      ? refValue.map(String)
      : refValue !== undefined
        ? [String(refValue)]
        : [];
    ids.add(id);
    rows.push({ id, prompt: text(rec[promptField]) ?? '', references, responses });
  }
  return { rows, errors };
}
