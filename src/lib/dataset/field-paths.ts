// The field paths a sample offers the mapping screen, each with a short preview of its value: every key, keys of
// nested objects, the first (and last) element of lists, and `*` over lists of objects (`question.choices.*.text`).
import { getPath, isObject } from './paths';

/** A path and what its value looks like in the first sampled record that has it. */
export interface FieldPath {
  path: string;
  preview: string;
}

/** Deepest nesting listed (`a.0.b.0` is depth 4). */
const MAX_DEPTH = 4;
/** Most paths listed, so a record with thousands of keys does not flood the screen. */
const MAX_PATHS = 400;
const PREVIEW_CHARS = 60;

/** A one-line preview of a value: text quoted and clipped, lists and objects as clipped JSON. */
export function previewValue(v: unknown): string {
  if (v === undefined) return '(missing)';
  const s = typeof v === 'string' ? JSON.stringify(v.replace(/\s+/g, ' ')) : JSON.stringify(v);
  return s.length > PREVIEW_CHARS ? `${s.slice(0, PREVIEW_CHARS - 1)}…` : s;
}

function walk(v: unknown, prefix: string, depth: number, out: Set<string>): void {
  if (depth >= MAX_DEPTH || out.size >= MAX_PATHS) return;
  const at = (k: string) => (prefix === '' ? k : `${prefix}.${k}`);
  if (isObject(v)) {
    for (const [k, inner] of Object.entries(v)) {
      out.add(at(k));
      walk(inner, at(k), depth + 1, out);
    }
  } else if (Array.isArray(v) && v.length > 0 && prefix !== '') {
    out.add(at('0'));
    walk(v[0], at('0'), depth + 1, out);
    if (v.length > 1) {
      out.add(`${prefix}[-1]`);
      walk(v[v.length - 1], `${prefix}[-1]`, depth + 1, out);
    }
    if (v.every(isObject)) for (const k of Object.keys(v[0] as object)) out.add(at(`*.${k}`));
  }
}

/** Field paths of sampled records, in first-seen order, each with a preview from the first record that has it. */
export function fieldPathsWithPreview(values: readonly unknown[]): FieldPath[] {
  const paths = new Set<string>();
  for (const v of values) if (isObject(v)) walk(v, '', 0, paths);
  return [...paths].map((path) => {
    const v = values.find((r) => getPath(r, path) !== undefined);
    return { path, preview: previewValue(v === undefined ? undefined : getPath(v, path)) };
  });
}
