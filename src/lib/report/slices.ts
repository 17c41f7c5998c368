// Slices: subsets of rows by tag, metadata value, length bucket, or a user regular expression over the prompt or a
// response. Every statistic of the report is recomputed on a slice's rows, the same way as on all rows.
import { err, ok, type Result } from '../core/types';
import type { Row } from '../core/types';

/** A slice definition (serialisable: it travels in report settings). */
export type SliceDef =
  | { kind: 'all' }
  | { kind: 'tag'; tag: string }
  | { kind: 'field'; field: string; value: string }
  | { kind: 'length'; target: 'prompt' | 'response'; system?: string; min: number; max: number }
  | {
      kind: 'regex';
      target: 'prompt' | 'response';
      system?: string;
      pattern: string;
      flags: string;
      negate?: boolean;
    };

/** Words of a text (whitespace-separated), the unit of length buckets and the length scatter. */
export function wordCount(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

/** Compiles a user regular expression, or explains what is wrong with it. Only i, m, s and u flags are allowed. */
export function compileUserRegex(pattern: string, flags = ''): Result<RegExp, string> {
  if (!pattern) return err('Enter a regular expression.');
  if (/[^imsu]/.test(flags))
    return err(`Unsupported flag(s) "${flags.replace(/[imsu]/g, '')}": use i, m, s or u.`);
  try {
    return ok(new RegExp(pattern, flags));
  } catch (e) {
    return err(`Invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The texts a slice looks at for one row: the prompt, or the response(s) of one or every system. */
function targetTexts(row: Row, target: 'prompt' | 'response', system?: string): string[] {
  if (target === 'prompt') return [row.prompt];
  if (system !== undefined) {
    const r = row.responses[system];
    return r === undefined ? [] : [r];
  }
  return Object.values(row.responses);
}

/** Metadata value as the string a slice compares (objects as JSON). */
export function fieldValue(row: Row, field: string): string | null {
  const v = row.metadata[field];
  if (v === undefined || v === null) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A predicate for rows in the slice (a regex slice on "any response" matches when any system's does). */
export function slicePredicate(def: SliceDef): Result<(row: Row) => boolean, string> {
  switch (def.kind) {
    case 'all':
      return ok(() => true);
    case 'tag':
      return ok((row) => row.tags.includes(def.tag));
    case 'field':
      return ok((row) => fieldValue(row, def.field) === def.value);
    case 'length':
      return ok((row) =>
        targetTexts(row, def.target, def.system).some((t) => {
          const w = wordCount(t);
          return w >= def.min && w <= def.max;
        }),
      );
    case 'regex': {
      const re = compileUserRegex(def.pattern, def.flags);
      if (!re.ok) return re;
      const hit = (row: Row) => targetTexts(row, def.target, def.system).some((t) => re.value.test(t));
      return ok(def.negate ? (row) => !hit(row) : hit);
    }
  }
}

/** A boolean mask over rows (true = in the slice). */
export function sliceMask(rows: readonly Row[], def: SliceDef): Result<boolean[], string> {
  const p = slicePredicate(def);
  return p.ok ? ok(rows.map((r) => p.value(r))) : p;
}

/** A short label for a slice. */
export function sliceLabel(def: SliceDef): string {
  switch (def.kind) {
    case 'all':
      return 'All rows';
    case 'tag':
      return `tag: ${def.tag}`;
    case 'field':
      return `${def.field} = ${def.value}`;
    case 'length':
      return `${def.target}${def.system ? ` (${def.system})` : ''} ${def.min}–${Number.isFinite(def.max) ? def.max : '∞'} words`;
    case 'regex':
      return `${def.target}${def.system ? ` (${def.system})` : ''} ${def.negate ? '!~' : '~'} /${def.pattern}/${def.flags}`;
  }
}

/** Quartile-ish length buckets of prompts: four buckets on the 25/50/75th percentiles of word counts. */
export function lengthBuckets(rows: readonly Row[], target: 'prompt' | 'response' = 'prompt'): SliceDef[] {
  const counts = rows.flatMap((r) => targetTexts(r, target).map(wordCount)).sort((a, b) => a - b);
  if (counts.length < 4) return [];
  const q = (p: number) => counts[Math.min(counts.length - 1, Math.floor(p * counts.length))] ?? 0;
  const cuts = [...new Set([q(0.25), q(0.5), q(0.75)])];
  const out: SliceDef[] = [];
  let lo = 0;
  for (const c of cuts) {
    if (c < lo) continue;
    out.push({ kind: 'length', target, min: lo, max: c });
    lo = c + 1;
  }
  out.push({ kind: 'length', target, min: lo, max: Infinity });
  return out;
}

/**
 * Slices suggested by the data: every tag, and every metadata field with 2–12 distinct values (a category), each
 * value with at least one row; plus prompt length buckets.
 */
export function suggestSlices(rows: readonly Row[]): SliceDef[] {
  const tags = new Set<string>();
  const fields = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const t of r.tags) tags.add(t);
    for (const k of Object.keys(r.metadata)) {
      const v = fieldValue(r, k);
      if (v === null || v.length > 60) continue;
      const s = fields.get(k) ?? new Set<string>();
      s.add(v);
      fields.set(k, s);
    }
  }
  const out: SliceDef[] = [...tags].sort().map((tag) => ({ kind: 'tag' as const, tag }));
  for (const [field, values] of [...fields].sort(([a], [b]) => a.localeCompare(b))) {
    if (values.size < 2 || values.size > 12) continue;
    for (const value of [...values].sort()) out.push({ kind: 'field', field, value });
  }
  return [...out, ...lengthBuckets(rows)];
}

/** Ready-made regex slices a user can pick ("starts with 'Sure'", "contains a code block", …). */
export const PRESET_REGEXES: { label: string; pattern: string; flags: string }[] = [
  { label: "starts with 'Sure'", pattern: '^\\s*sure\\b', flags: 'i' },
  { label: 'contains a code block', pattern: '```', flags: '' },
  { label: 'contains a bulleted list', pattern: '^\\s*([-*•]|\\d+\\.)\\s', flags: 'm' },
  { label: 'refusal', pattern: "\\b(I can(no|')t|I'm sorry|I am unable|as an AI)\\b", flags: 'i' },
];
