// Annotation-session logic with no storage: which rows, in which order, which system on which side, which keys.
// Everything random derives from the session seed and the row id, so any annotator (or an audit) can redo it.
import { contentHash } from '../core/hash';
import { mulberry32, sample, shuffled } from '../core/random';
import type { LikertScale } from './likert';

/** Which rows a session covers. */
export type RowSelection =
  { mode: 'all' } | { mode: 'tag'; tag: string } | { mode: 'sample'; size: number; seed: number };

/** One Likert dimension: its name, its key, and a description of each score level (lowest first). */
export interface LikertDimension {
  name: string;
  key: string;
  levels: string[];
}

/** What a session stores in `config`: enough to rebuild the item list, sides and keys anywhere. */
export interface SessionConfig {
  kind: 'pairwise' | 'likert';
  /** Pairwise: exactly two systems. Likert: one or more. */
  systems: string[];
  selection: RowSelection;
  /** Seed of item order and sides (pairwise) or response order (Likert). */
  seed: number;
  /** Item order, fixed at creation. */
  rowIds: string[];
  dimensions?: LikertDimension[];
  scale?: LikertScale;
}

/** Minimal row shape the selection needs. */
export interface SelectableRow {
  id: string;
  tags: readonly string[];
  responses: Readonly<Record<string, string>>;
}

/** Default Likert dimensions (helpfulness, correctness, tone) on a 1–5 scale, with level anchors. */
export const DEFAULT_DIMENSIONS: LikertDimension[] = [
  {
    name: 'helpfulness',
    key: 'h',
    levels: ['Useless', 'Barely helpful', 'Partly helpful', 'Helpful', 'Fully addresses the request'],
  },
  {
    name: 'correctness',
    key: 'c',
    levels: ['Wrong', 'Mostly wrong', 'Mixed', 'Minor errors', 'Fully correct'],
  },
  { name: 'tone', key: 'o', levels: ['Inappropriate', 'Poor', 'Acceptable', 'Good', 'Excellent'] },
];

/** Default Likert scale. */
export const DEFAULT_SCALE: LikertScale = { min: 1, max: 5 };

/** Pairwise keys: every action has one, shown on screen. */
export const PAIRWISE_KEYS = {
  A: 'a',
  B: 'b',
  tie: 't',
  'both-bad': 'x',
  skip: 's',
  flag: 'f',
  note: 'n',
  undo: 'u',
  diff: 'd',
} as const;

/** Keys Likert dimensions may not use (actions and digits). */
export const LIKERT_RESERVED_KEYS = [
  's',
  'f',
  'n',
  'u',
  'enter',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
];

/** Rows a selection picks, in dataset order; rows missing a response from any chosen system are left out. */
export function selectRows(
  rows: readonly SelectableRow[],
  selection: RowSelection,
  systems: readonly string[],
): string[] {
  const usable = rows.filter((r) => systems.every((s) => typeof r.responses[s] === 'string'));
  switch (selection.mode) {
    case 'all':
      return usable.map((r) => r.id);
    case 'tag':
      return usable.filter((r) => r.tags.includes(selection.tag)).map((r) => r.id);
    case 'sample':
      return sample(usable, Math.max(0, Math.floor(selection.size)), selection.seed).map((r) => r.id);
  }
}

/** A 32-bit seed for one item, derived from the session seed and the row id. */
export function itemSeed(seed: number, rowId: string): number {
  return parseInt(contentHash(`${seed}:${rowId}`).slice(0, 8), 16) >>> 0;
}

/** The seeded presentation order of a session's items. */
export function orderItems(rowIds: readonly string[], seed: number): string[] {
  return shuffled(rowIds, mulberry32(seed));
}

/** Which system is shown as A (left) and which as B (right) for one item: a fair coin from the item seed. */
export function sidesFor(
  systems: readonly [string, string],
  seed: number,
  rowId: string,
): { left: string; right: string } {
  const flip = mulberry32(itemSeed(seed, rowId))() < 0.5;
  return flip ? { left: systems[1], right: systems[0] } : { left: systems[0], right: systems[1] };
}

/** The order in which a Likert item shows its systems' responses (blind, seeded per item). */
export function responseOrder(systems: readonly string[], seed: number, rowId: string): string[] {
  return shuffled(systems, mulberry32(itemSeed(seed, rowId)));
}

/** Index of the first item without an answer, or `rowIds.length` when the pass is complete. */
export function firstOpenIndex(rowIds: readonly string[], answeredIds: Iterable<string>): number {
  const answered = new Set(answeredIds);
  const i = rowIds.findIndex((id) => !answered.has(id));
  return i === -1 ? rowIds.length : i;
}

/** Problems with a Likert configuration, one sentence each (empty when usable). */
export function validateLikertConfig(dimensions: readonly LikertDimension[], scale: LikertScale): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min < 0 || scale.max > 9)
    errors.push('The scale must use whole numbers from 0 to 9 (scores are typed as single digits).');
  else if (scale.max <= scale.min) errors.push('The scale needs a maximum above its minimum.');
  if (dimensions.length === 0) errors.push('Add at least one dimension.');
  const seen = new Set<string>();
  const names = new Set<string>();
  dimensions.forEach((d, i) => {
    const where = `Dimension ${i + 1}`;
    if (d.name.trim() === '') errors.push(`${where}: name is empty.`);
    if (names.has(d.name)) errors.push(`${where}: name "${d.name}" is used twice.`);
    names.add(d.name);
    const key = d.key.toLowerCase();
    if (key.length !== 1) errors.push(`${where}: key must be a single character.`);
    else if (LIKERT_RESERVED_KEYS.includes(key))
      errors.push(`${where}: key "${key}" is reserved for an action.`);
    else if (seen.has(key)) errors.push(`${where}: key "${key}" is already used.`);
    seen.add(key);
    const levels = scale.max - scale.min + 1;
    if (d.levels.length !== levels && errors.length === 0)
      errors.push(`${where}: needs ${levels} level descriptions, has ${d.levels.length}.`);
  });
  return errors;
}
