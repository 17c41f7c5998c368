// Joins another model's outputs file onto a dataset (the AlpacaEval habit of one file per model): rows match by id
// or by prompt text with whitespace normalized; the matched rows gain the other file's responses.
import { InputError } from '../core/errors';
import type { Row } from '../core/types';
import { normalizeWhitespace } from './values';

/** Options of `joinSystems`. */
export interface JoinOptions {
  /** Match rows by id, or by prompt text (whitespace runs collapsed, ends trimmed; case kept). */
  by: 'id' | 'prompt';
  /** Systems of the other rows to take (default: all of them). */
  systemNames?: string[];
  /** New names for taken systems (`{ model: 'llama-ft' }`), for when the other file uses a generic name. */
  rename?: Record<string, string>;
  /** Replace responses of systems the base rows already have (default false: a clash is an error). */
  overwrite?: boolean;
}

/** An unmatched or ambiguous row, by position and id, with a short prompt excerpt. */
export interface JoinMiss {
  idx: number;
  id: string;
  line?: number;
  prompt: string;
}

/** The joined rows and what did not line up. */
export interface JoinResult {
  /** Base rows in their order; matched ones are new objects with the added responses. */
  rows: Row[];
  /** Systems added (after renaming). */
  systems: string[];
  matched: number;
  /** Base rows no other row matched. */
  unmatchedBase: JoinMiss[];
  /** Other rows that matched no base row. */
  unmatchedOther: JoinMiss[];
  /** Other rows that matched a base row already matched by an earlier one (the first match wins). */
  duplicateOther: JoinMiss[];
  /** Base rows sharing a key with an earlier base row (only the first of them can be matched). */
  ambiguousBase: JoinMiss[];
}

const miss = (r: Row): JoinMiss => {
  const m: JoinMiss = {
    idx: r.idx,
    id: r.id,
    prompt: r.prompt.length > 120 ? `${r.prompt.slice(0, 120)}…` : r.prompt,
  };
  if (r.line !== undefined) m.line = r.line;
  return m;
};

/** Adds the responses of `otherRows` to matching `baseRows`; throws InputError when a system name would clash. */
export function joinSystems(
  baseRows: readonly Row[],
  otherRows: readonly Row[],
  options: JoinOptions,
): JoinResult {
  const keyOf = (r: Row) => (options.by === 'id' ? r.id : normalizeWhitespace(r.prompt));
  const wanted = options.systemNames ? new Set(options.systemNames) : null;
  const rename = (s: string) => options.rename?.[s] ?? s;
  const added = new Set<string>();
  for (const r of otherRows)
    for (const s of Object.keys(r.responses)) if (!wanted || wanted.has(s)) added.add(rename(s));
  if (!options.overwrite) {
    const existing = new Set(baseRows.flatMap((r) => Object.keys(r.responses)));
    const clash = [...added].filter((s) => existing.has(s));
    if (clash.length > 0) {
      throw new InputError(
        `The dataset already has responses of ${clash.map((s) => `"${s}"`).join(', ')}; rename the added system.`,
      );
    }
  }
  const index = new Map<string, number>();
  const ambiguousBase: JoinMiss[] = [];
  baseRows.forEach((r, i) => {
    const k = keyOf(r);
    if (index.has(k)) ambiguousBase.push(miss(r));
    else index.set(k, i);
  });
  const rows = baseRows.slice();
  const taken = new Set<number>();
  const unmatchedOther: JoinMiss[] = [];
  const duplicateOther: JoinMiss[] = [];
  for (const o of otherRows) {
    const i = index.get(keyOf(o));
    const base = i === undefined ? undefined : rows[i];
    if (i === undefined || !base) {
      unmatchedOther.push(miss(o));
      continue;
    }
    if (taken.has(i)) {
      duplicateOther.push(miss(o));
      continue;
    }
    taken.add(i);
    const responses = { ...base.responses };
    for (const [s, text] of Object.entries(o.responses))
      if (!wanted || wanted.has(s)) responses[rename(s)] = text;
    rows[i] = { ...base, responses };
  }
  const unmatchedBase = baseRows.filter((_, i) => !taken.has(i)).map(miss);
  return {
    rows,
    systems: [...added],
    matched: taken.size,
    unmatchedBase,
    unmatchedOther,
    duplicateOther,
    ambiguousBase,
  };
}
