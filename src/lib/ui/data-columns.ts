// Columns of the data table (the row's own fields plus chosen score columns) and sorting rows by any of them.
import type { Row } from '../core/types';
import { numericOrder, textOrder, type SortSpec } from './sort-order';

/** A numeric column of per-row scores. `values` is indexed by row idx; NaN marks a row without a score. */
export interface ScoreColumn {
  id: string;
  label: string;
  /** Longer description for the header's tooltip (e.g. the run's signature). */
  title: string;
  values: Float64Array;
  /** Decimals shown (sacreBLEU's 0–100 scores: 2; 0–1 scores: 4; exact match: 0). */
  digits: number;
}

/** One of the row's own columns. */
export interface FieldColumn {
  id: string;
  label: string;
}

/** The row's own columns, in display order: #, ID, Prompt, Reference, one per system, Tags. */
export function fieldColumns(systems: readonly string[]): FieldColumn[] {
  return [
    { id: 'idx', label: '#' },
    { id: 'id', label: 'ID' },
    { id: 'prompt', label: 'Prompt' },
    { id: 'reference', label: 'Reference' },
    ...systems.map((s) => ({ id: `system:${s}`, label: s })),
    { id: 'tags', label: 'Tags' },
  ];
}

/** A row's score in a column, or NaN when it has none. */
export function scoreAt(column: ScoreColumn, row: Pick<Row, 'idx'>): number {
  return column.values[row.idx] ?? NaN;
}

/** A score as shown in a cell ('–' when missing). */
export function formatScoreCell(column: ScoreColumn, value: number): string {
  return Number.isNaN(value) ? '–' : value.toFixed(column.digits);
}

/** The text key a field column sorts by, or null for an unknown column. */
function textKey(column: string): ((row: Row) => string | undefined) | null {
  if (column === 'id') return (r) => r.id;
  if (column === 'prompt') return (r) => r.prompt;
  if (column === 'reference') return (r) => r.references[0];
  if (column === 'tags') return (r) => r.tags.join(', ');
  if (column.startsWith('system:')) {
    const system = column.slice('system:'.length);
    return (r) => r.responses[system];
  }
  return null;
}

/** True when `column` is one of the row's own text columns (not # and not a score column). */
export function isTextColumn(column: string): boolean {
  return textKey(column) !== null;
}

/** The permutation of positions in `rows` for a sort, or null when there is nothing to sort by. */
export function rowOrder(
  rows: readonly Row[],
  sort: SortSpec | null,
  scores: readonly ScoreColumn[],
): Uint32Array | null {
  if (!sort) return null;
  if (sort.column === 'idx')
    return numericOrder(
      Float64Array.from(rows, (r) => r.idx),
      sort.direction,
    );
  const score = scores.find((c) => c.id === sort.column);
  if (score)
    return numericOrder(
      Float64Array.from(rows, (r) => scoreAt(score, r)),
      sort.direction,
    );
  const keys = textKeys(rows, sort.column);
  return keys ? textOrder(keys, sort.direction) : null;
}

/** The text keys of a field column, one per position of `rows`, or null when `column` is not a text column. */
export function textKeys(rows: readonly Row[], column: string): (string | undefined)[] | null {
  const key = textKey(column);
  return key ? rows.map(key) : null;
}

/** `rows` read through a permutation of their positions. */
export function applyOrder<T>(rows: readonly T[], order: Uint32Array): T[] {
  const out: T[] = [];
  for (const p of order) {
    const row = rows[p];
    if (row !== undefined) out.push(row);
  }
  return out;
}

/** `rows` in the order of `sort` (the same array when unsorted). */
export function sortRows<T extends Row>(
  rows: readonly T[],
  sort: SortSpec | null,
  scores: readonly ScoreColumn[],
): readonly T[] {
  const order = rowOrder(rows, sort, scores);
  return order ? applyOrder(rows, order) : rows;
}
