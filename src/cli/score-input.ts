// Rows for `yardstick score`, validated field by field as the shared reader (./input) streams them, a chunk at a
// time. The first bad line or field stops the command: it is thrown as an InputLineError naming its line and field.
import { getPath } from '../lib/dataset/paths';
import type { FieldMapping } from '../lib/dataset/types';
import { mappedRowBatches } from './detected';
import { entryBatches, InputLineError, typeName, type InputFile, type InputProblem } from './input';

/** One scorable row. `references` holds only real references (nulls and missing entries dropped). */
export interface ScoreRow {
  id: string;
  response: string;
  references: string[];
  /** The whole source record, for --by. */
  record: Record<string, unknown>;
  /** The file line (JSONL, CSV) or element number (JSON array). */
  line: number;
}

/** Which fields hold the response and the reference(s): field paths (`filtered_resps.0`, `choices[0].turns[0]`). */
export interface FieldNames {
  response: string;
  /** null: `reference` (a string) or `references` (an array). */
  reference: string | null;
}

/** Stops at a bad field of the current line (never returns). */
type Fail = (field: string | null, reason: string) => never;

function referencesOf(obj: Record<string, unknown>, names: FieldNames, csv: boolean, fail: Fail): string[] {
  const field = names.reference ?? ('references' in obj ? 'references' : 'reference');
  let v = getPath(obj, field);
  if (v === undefined || v === null) return [];
  if (csv && typeof v === 'string') {
    // CSV cells are text: an empty cell means "no reference"; a JSON array in a cell is several references.
    if (v === '') return [];
    if (field === 'references' || v.trimStart().startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(v);
        if (Array.isArray(parsed)) v = parsed;
      } catch {
        if (field === 'references') fail(field, 'expected a JSON array of strings');
      }
    }
  }
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return fail(field, `expected a string or an array, got ${typeName(v)}`);
  const refs: string[] = [];
  v.forEach((r: unknown, k) => {
    if (typeof r === 'string') refs.push(r);
    else if (r !== null && r !== undefined)
      fail(`${field}[${k}]`, `expected a string or null, got ${typeName(r)}`);
  });
  return refs;
}

/** Streams the validated rows of FILE a chunk at a time; throws InputLineError on the first bad line or field. */
export async function* scoreRowBatches(input: InputFile, names: FieldNames): AsyncGenerator<ScoreRow[]> {
  const stop: (p: InputProblem) => never = (p) => {
    throw new InputLineError(p, input.format(p));
  };
  const csv = input.kind === 'csv';
  const seen = new Set<string>();
  let count = 0;
  for await (const entries of entryBatches(input)) {
    const rows: ScoreRow[] = [];
    for (const entry of entries) {
      if (entry.kind === 'problem') stop(entry);
      const { line, value } = entry;
      const fail: Fail = (field, reason) => stop({ line, field, reason });
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        fail(null, `expected a JSON object, got ${typeName(value)}`);
      }
      // Narrowed to a non-array object above; JSON and CSV records have string keys.
      const o = value as Record<string, unknown>;
      const response = getPath(o, names.response);
      if (response === undefined) fail(names.response, 'missing');
      if (typeof response !== 'string') {
        fail(names.response, `expected a string, got ${typeName(response)}`);
      }
      const rawId = o['id'];
      let id: string;
      if (rawId === undefined || rawId === null || rawId === '') id = `row-${count + 1}`;
      else if (typeof rawId === 'string' || typeof rawId === 'number') id = String(rawId);
      else id = fail('id', `expected a string or a number, got ${typeName(rawId)}`);
      if (seen.has(id)) fail('id', `duplicate id '${id}'`);
      seen.add(id);
      count++;
      rows.push({ id, response, references: referencesOf(o, names, csv, fail), record: o, line });
    }
    if (rows.length > 0) yield rows;
  }
}

/** Reads and validates every row of FILE; throws InputLineError on the first bad line or field. */
export async function readScoreRows(input: InputFile, names: FieldNames): Promise<ScoreRow[]> {
  const rows: ScoreRow[] = [];
  for await (const batch of scoreRowBatches(input, names)) for (const row of batch) rows.push(row);
  return rows;
}

/** The group keys of a row for --by FIELD: one per array element, else the value as text. */
export function groupKeys(row: ScoreRow, field: string): string[] {
  const v = getPath(row.record, field);
  if (v === undefined || v === null) return ['(missing)'];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}

/**
 * Rows of a file in another shape, mapped as the page maps it (`detection` from ./detected): the response is
 * `system`'s, the references the mapped ones. The first bad line stops the command, as in scoreRowBatches.
 */
export async function* mappedScoreRowBatches(
  input: InputFile,
  mapping: FieldMapping,
  system: string,
): AsyncGenerator<ScoreRow[]> {
  const stop: (p: InputProblem) => never = (p) => {
    throw new InputLineError(p, input.format(p));
  };
  for await (const batch of mappedRowBatches(input, mapping)) {
    const first = batch.problems[0];
    if (first) stop(first);
    const rows: ScoreRow[] = [];
    for (const row of batch.rows) {
      const response = row.responses[system];
      const line = row.line ?? row.idx + 1;
      if (response === undefined)
        stop({
          line,
          field: row.line === undefined ? null : system,
          reason: `no response of system '${system}'`,
        });
      rows.push({
        id: row.id,
        response,
        // Multiple choice scores against the text of the gold choice.
        references:
          row.references.length === 0 &&
          row.choices &&
          typeof row.label === 'number' &&
          row.choices[row.label] !== undefined
            ? [row.choices[row.label]?.trim() ?? '']
            : row.references,
        record: { ...row.metadata, id: row.id, prompt: row.prompt, tags: row.tags },
        line,
      });
    }
    if (rows.length > 0) yield rows;
  }
}
