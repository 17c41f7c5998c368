// Reading rows for `yardstick score`: JSONL, a JSON array, or CSV with a header, validated field by field.
// Every problem names its line (JSONL, CSV) or record (JSON array) and the field at fault.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

/** One scorable row. `references` holds only real references (nulls and missing entries dropped). */
export interface ScoreRow {
  id: string;
  response: string;
  references: string[];
  /** The whole source record, for --by. */
  record: Record<string, unknown>;
  /** Where it came from, e.g. "line 3" or "record 2". */
  where: string;
}

/** Which fields hold the response and the reference(s). */
export interface FieldNames {
  response: string;
  /** null: `reference` (a string) or `references` (an array). */
  reference: string | null;
}

/** A bad row: the CLI prints these and exits non-zero. */
export class RowError extends Error {
  constructor(where: string, field: string | null, message: string) {
    super(`${where}${field ? `, field '${field}'` : ''}: ${message}`);
    this.name = 'RowError';
  }
}

interface RawRecord {
  where: string;
  value: unknown;
  csv: boolean;
  /** Why the line could not be parsed; reported when validation reaches it, so errors come in line order. */
  error?: string;
}

/** Line number (1-based) of character offset `pos` in `text`. */
function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function parseCsv(text: string): RawRecord[] {
  const out: RawRecord[] = [];
  // Rows start after the header line (a header with a quoted line break would be counted as one line).
  let start = text.indexOf('\n') + 1;
  const errors: { where: string; message: string }[] = [];
  Papa.parse<Record<string, unknown>>(text, {
    header: true,
    skipEmptyLines: true,
    step: (res) => {
      // The row's first line: skip the newline(s) that ended the previous row.
      let s = start;
      while (s < text.length && (text[s] === '\n' || text[s] === '\r')) s++;
      const where = `line ${lineAt(text, s)}`;
      for (const e of res.errors) errors.push({ where, message: e.message });
      out.push({ where, value: res.data, csv: true });
      start = res.meta.cursor;
    },
  });
  const first = errors[0];
  if (first) throw new RowError(first.where, null, `malformed CSV: ${first.message}`);
  return out;
}

function parseJsonl(text: string): RawRecord[] {
  const out: RawRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `line ${i + 1}`;
    try {
      out.push({ where, value: JSON.parse(raw), csv: false });
    } catch (e) {
      out.push({
        where,
        value: null,
        csv: false,
        error: `invalid JSON (${e instanceof Error ? e.message : String(e)})`,
      });
    }
  });
  return out;
}

/** Reads and parses FILE; the format comes from its content (JSON array, JSONL) or a .csv/.tsv name. */
export function readRecords(file: string): RawRecord[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (head.startsWith('[')) {
    let arr: unknown;
    try {
      arr = JSON.parse(text);
    } catch (e) {
      throw new RowError(file, null, `invalid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!Array.isArray(arr)) throw new RowError(file, null, 'expected a JSON array of objects');
    return arr.map((value, i) => ({ where: `record ${i + 1}`, value, csv: false }));
  }
  if (/\.(csv|tsv)$/i.test(file) || !head.startsWith('{')) return parseCsv(text);
  return parseJsonl(text);
}

function referencesOf(rec: RawRecord, obj: Record<string, unknown>, names: FieldNames): string[] {
  const field = names.reference ?? ('references' in obj ? 'references' : 'reference');
  let v = obj[field];
  if (v === undefined || v === null) return [];
  if (rec.csv && typeof v === 'string') {
    // CSV cells are text: an empty cell means "no reference"; a JSON array in a cell is several references.
    if (v === '') return [];
    if (field === 'references' || v.trimStart().startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(v);
        if (Array.isArray(parsed)) v = parsed;
      } catch {
        if (field === 'references') throw new RowError(rec.where, field, 'expected a JSON array of strings');
      }
    }
  }
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v))
    throw new RowError(rec.where, field, `expected a string or an array, got ${typeName(v)}`);
  const refs: string[] = [];
  v.forEach((r: unknown, k) => {
    if (typeof r === 'string') refs.push(r);
    else if (r !== null && r !== undefined) {
      throw new RowError(rec.where, `${field}[${k}]`, `expected a string or null, got ${typeName(r)}`);
    }
  });
  return refs;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Validates records into rows; throws RowError on the first bad one. */
export function toRows(records: readonly RawRecord[], names: FieldNames): ScoreRow[] {
  const seen = new Set<string>();
  return records.map((rec, i) => {
    if (rec.error !== undefined) throw new RowError(rec.where, null, rec.error);
    const obj = rec.value;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      throw new RowError(rec.where, null, `expected a JSON object, got ${typeName(obj)}`);
    }
    const o = obj as Record<string, unknown>;
    const response = o[names.response];
    if (response === undefined) throw new RowError(rec.where, names.response, 'missing');
    if (typeof response !== 'string') {
      throw new RowError(rec.where, names.response, `expected a string, got ${typeName(response)}`);
    }
    const rawId = o['id'];
    let id: string;
    if (rawId === undefined || rawId === null || rawId === '') id = `row-${i + 1}`;
    else if (typeof rawId === 'string' || typeof rawId === 'number') id = String(rawId);
    else throw new RowError(rec.where, 'id', `expected a string or a number, got ${typeName(rawId)}`);
    if (seen.has(id)) throw new RowError(rec.where, 'id', `duplicate id '${id}'`);
    seen.add(id);
    return { id, response, references: referencesOf(rec, o, names), record: o, where: rec.where };
  });
}

/** The group keys of a row for --by FIELD: one per array element, else the value as text. */
export function groupKeys(row: ScoreRow, field: string): string[] {
  const v = row.record[field];
  if (v === undefined || v === null) return ['(missing)'];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}
