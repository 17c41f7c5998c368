// Sort permutations for the data table. The rows themselves are never moved or copied while sorting: a key per
// position is compared, and the result is an index permutation (Uint32Array) the table reads rows through.
// Rules, in both directions: ties keep their original order (stable), missing keys (NaN, '' or undefined) go last.

/** aria-sort's two active values, used as the sort direction everywhere. */
export type SortDirection = 'ascending' | 'descending';

/** A table sort: a column id and its direction. */
export interface SortSpec {
  column: string;
  direction: SortDirection;
}

/** The direction after a click on a header: none → ascending → descending → none (null). */
export function nextSort(current: SortSpec | null, column: string): SortSpec | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}

/** Splits positions into those with a key and those without, each in position order. */
function partition(
  n: number,
  isMissing: (i: number) => boolean,
): { present: Uint32Array; missing: Uint32Array } {
  const present = new Uint32Array(n);
  const missing = new Uint32Array(n);
  let p = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (isMissing(i)) missing[m++] = i;
    else present[p++] = i;
  }
  return { present: present.subarray(0, p), missing: missing.subarray(0, m) };
}

/** Present positions (sorted) followed by the missing ones (in position order). */
function concat(present: Uint32Array, missing: Uint32Array): Uint32Array {
  const out = new Uint32Array(present.length + missing.length);
  out.set(present, 0);
  out.set(missing, present.length);
  return out;
}

/**
 * Positions 0..n-1 ordered by `values[position]`. NaN means "no value" and sorts last in either direction;
 * equal values keep position order. Compares with < rather than subtraction so ±Infinity sort correctly.
 */
export function numericOrder(values: ArrayLike<number>, direction: SortDirection): Uint32Array {
  const keys = Float64Array.from(values);
  const { present, missing } = partition(keys.length, (i) => Number.isNaN(keys[i]));
  const sign = direction === 'ascending' ? 1 : -1;
  present.sort((a, b) => {
    const va = keys[a] ?? 0;
    const vb = keys[b] ?? 0;
    if (va === vb) return a - b;
    return va < vb ? -sign : sign;
  });
  return concat(present, missing);
}

/** Natural, case-insensitive order in the user's locale ("row-2" before "row-10"). */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Positions 0..n-1 ordered by text keys with `compare` (default: natural, case-insensitive). An empty or absent key
 * means "no value" and sorts last in either direction; keys that compare equal keep position order.
 */
export function textOrder(
  keys: readonly (string | null | undefined)[],
  direction: SortDirection,
  compare: (a: string, b: string) => number = collator.compare,
): Uint32Array {
  const { present, missing } = partition(keys.length, (i) => !keys[i]);
  const sign = direction === 'ascending' ? 1 : -1;
  present.sort((a, b) => sign * compare(keys[a] ?? '', keys[b] ?? '') || a - b);
  return concat(present, missing);
}
