// Records → Rows under a FieldMapping: assigns ids (`row-<line>` when the file has none) and positions, rejects
// duplicate ids (the later record is the error), and pivots long-format files (one record per prompt × system).
import type { LineError, Row, SystemInfo } from '../core/types';
import { fieldError } from './line-errors';
import { mapRecord, mappedPaths, type MappedRecord } from './map-record';
import { getPath } from './paths';
import type { FieldMapping, MapResult, SourceRecord } from './types';
import { asText, normalizeWhitespace } from './values';

/** Streaming mapper: `push` batches of records, then `finish` (required for long format, harmless otherwise). */
export interface RowMapper {
  push(records: readonly SourceRecord[]): MapResult;
  finish(): MapResult;
  /** Systems seen so far, in first-seen order, with the field each came from. */
  systems(): SystemInfo[];
  /** Distinct tags seen so far, sorted. */
  tags(): string[];
  /** Rows emitted so far. */
  readonly rowCount: number;
}

/** Options of `createRowMapper`. */
export interface RowMapperOptions {
  /** Position of the first row (when appending to rows already imported). Default 0. */
  startIdx?: number;
  /** Ids already taken (when appending), so duplicates across imports are caught too. */
  takenIds?: Iterable<string>;
}

interface Group {
  row: MappedRecord;
  line: number;
  seen: Map<string, number>;
}

/** Creates a mapper for one import. */
export function createRowMapper(mapping: FieldMapping, options: RowMapperOptions = {}): RowMapper {
  const paths = mappedPaths(mapping);
  const idLines = new Map<string, number>();
  for (const id of options.takenIds ?? []) idLines.set(id, 0);
  const systems = new Map<string, SystemInfo>();
  const tags = new Set<string>();
  const groups = new Map<string, Group>();
  let idx = options.startIdx ?? 0;

  const emit = (rec: MappedRecord, line: number, errors: LineError[]): Row | null => {
    const id = rec.id ?? `row-${line}`;
    const first = idLines.get(id);
    if (first !== undefined) {
      const where = first > 0 ? ` (first on line ${first})` : ' (already in the dataset)';
      const field = mapping.id ?? 'id';
      errors.push(
        fieldError(
          line,
          field,
          'duplicate-id',
          `Line ${line}, field "${field}": duplicate id "${id}"${where}.`,
        ),
      );
      return null;
    }
    idLines.set(id, line);
    for (const name in rec.sources) {
      const source = rec.sources[name];
      if (source !== undefined && !systems.has(name)) systems.set(name, { name, source });
    }
    for (const t of rec.tags) tags.add(t);
    const row: Row = {
      id,
      idx: idx++,
      prompt: rec.prompt,
      references: rec.references,
      responses: rec.responses,
      tags: rec.tags,
      metadata: rec.metadata,
      line,
    };
    if (rec.choices) row.choices = rec.choices;
    if (rec.label !== undefined) row.label = rec.label;
    return row;
  };

  const pushLong = (rec: MappedRecord, value: unknown, line: number, errors: LineError[]): void => {
    const long = mapping.long;
    if (!long) return;
    const system = asText(getPath(value, long.systemField))?.trim() ?? '';
    if (system === '') {
      const f = long.systemField;
      errors.push(
        fieldError(line, f, 'missing-field', `Line ${line}, field "${f}": the system name is missing.`),
      );
      return;
    }
    const key =
      long.groupBy === 'id' && rec.id !== null ? `id:${rec.id}` : `p:${normalizeWhitespace(rec.prompt)}`;
    const group = groups.get(key);
    const response = getPath(value, long.responseField);
    const text = asText(response);
    if (!group) {
      const g: Group = { row: { ...rec, responses: {}, sources: {} }, line, seen: new Map([[system, line]]) };
      if (text !== null && text.trim() !== '') addLong(g, system, text, long.responseField);
      else errors.push(emptyLong(line, long.responseField, system, response));
      groups.set(key, g);
      return;
    }
    const firstLine = group.seen.get(system);
    if (firstLine !== undefined) {
      const f = long.systemField;
      const msg = `Line ${line}, field "${f}": a second record of system "${system}" for the same prompt (first on line ${firstLine}).`;
      errors.push(fieldError(line, f, 'duplicate-id', msg));
      return;
    }
    group.seen.set(system, line);
    if (text !== null && text.trim() !== '') addLong(group, system, text, long.responseField);
    else errors.push(emptyLong(line, long.responseField, system, response));
    // Fields that differ from the group's first record are kept per system, so no metadata is lost.
    const diff: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec.metadata)) {
      if (JSON.stringify(v) !== JSON.stringify(group.row.metadata[k])) diff[k] = v;
    }
    if (Object.keys(diff).length > 0) {
      const bySystem = (group.row.metadata['bySystem'] ??= {}) as Record<string, unknown>;
      bySystem[system] = diff;
    }
    for (const r of rec.references) if (!group.row.references.includes(r)) group.row.references.push(r);
    for (const t of rec.tags) if (!group.row.tags.includes(t)) group.row.tags.push(t);
  };

  return {
    push(records) {
      const rows: Row[] = [];
      const errors: LineError[] = [];
      for (const { line, value } of records) {
        const { row: rec, errors: recErrors } = mapRecord(mapping, value, line, paths);
        errors.push(...recErrors);
        if (!rec) continue;
        if (mapping.long) pushLong(rec, value, line, errors);
        else {
          const row = emit(rec, line, errors);
          if (row) rows.push(row);
        }
      }
      return { rows, errors };
    },
    finish() {
      const rows: Row[] = [];
      const errors: LineError[] = [];
      for (const g of groups.values()) {
        const row = emit(g.row, g.line, errors);
        if (row) rows.push(row);
      }
      groups.clear();
      return { rows, errors };
    },
    systems: () => [...systems.values()],
    tags: () => [...tags].sort(),
    get rowCount() {
      return idx - (options.startIdx ?? 0);
    },
  };
}

function addLong(g: Group, system: string, text: string, field: string): void {
  g.row.responses[system] = text;
  g.row.sources[system] = field;
}

function emptyLong(line: number, field: string, system: string, v: unknown): LineError {
  const what =
    v === undefined || v === null || asText(v) !== null ? 'empty response' : 'a response that is not text';
  const severity = asText(v) === null && v !== undefined && v !== null ? 'error' : 'warning';
  return fieldError(
    line,
    field,
    severity === 'error' ? 'wrong-type' : 'empty-response',
    `Line ${line}, field "${field}": ${what} for system "${system}".`,
    severity,
  );
}
