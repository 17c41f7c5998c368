// Coercion of record values into row fields. Text fields accept strings and numbers (a numeric answer like 42 is
// common); lists accept arrays, a single string, or (from CSV cells) a JSON-encoded array.
import type { LabelEncoding } from './types';

/** Text of a scalar: strings as-is, numbers and booleans stringified; null for anything else. */
export function asText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Describes a value's type for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** A CSV cell holding a JSON array (`["a","b"]`) as a list; anything else unchanged. */
export function unpackJsonList(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return v;
  try {
    const parsed: unknown = JSON.parse(t);
    return Array.isArray(parsed) ? parsed : v;
  } catch {
    return v;
  }
}

/** A list of texts from a string, a list of scalars or a JSON-array cell; null when the type is wrong. */
export function asTextList(v: unknown): string[] | null {
  if (v === undefined || v === null) return [];
  const u = unpackJsonList(v);
  if (Array.isArray(u)) {
    const out: string[] = [];
    for (const item of u) {
      const t = asText(item);
      if (t === null) return null;
      out.push(t);
    }
    return out;
  }
  const t = asText(u);
  return t === null ? null : [t];
}

/** Choices from a list of texts, a list of `{text, label}` objects, an ARC-style `{label: [...], text: [...]}` object, or a `{A: "...", B: "..."}` object. */
export function asChoices(v: unknown): string[] | null {
  const u = unpackJsonList(v);
  // OpenBookQA / ARC `choices: [{text, label}]`: the texts, in order.
  if (
    Array.isArray(u) &&
    u.length > 0 &&
    u.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c))
  )
    return asTextList(u.map((c) => (c as Record<string, unknown>)['text'] ?? null));
  if (Array.isArray(u)) return asTextList(u);
  if (typeof u === 'object' && u !== null) {
    const o = u as Record<string, unknown>;
    if (Array.isArray(o['text'])) return asTextList(o['text']);
    const out: string[] = [];
    for (const val of Object.values(o)) {
      const t = asText(val);
      if (t === null) return null;
      out.push(t);
    }
    return out;
  }
  return null;
}

const LETTER = /^\(?\s*([A-Za-z])\s*[).:]?$/;

/** The 0-based index a label denotes among `choices`, or null when it does not name one of them. */
export function decodeLabel(
  raw: unknown,
  choices: readonly string[],
  encoding: LabelEncoding,
): number | null {
  const n = choices.length;
  const text = asText(raw)?.trim() ?? null;
  if (text === null || text === '') return null;
  const inRange = (i: number) => (Number.isInteger(i) && i >= 0 && i < n ? i : null);
  const asIndex = (base: number) => (/^-?\d+$/.test(text) ? inRange(Number(text) - base) : null);
  const asLetter = () => {
    const m = LETTER.exec(text);
    return m?.[1] ? inRange(m[1].toUpperCase().charCodeAt(0) - 65) : null;
  };
  const asChoiceText = () => {
    const exact = choices.indexOf(text);
    if (exact !== -1) return exact;
    const folded = text.toLowerCase();
    const i = choices.findIndex((c) => c.trim().toLowerCase() === folded);
    return i === -1 ? null : i;
  };
  switch (encoding) {
    case 'index':
      return asIndex(0);
    case 'index1':
      return asIndex(1);
    case 'letter':
      return asLetter();
    case 'text':
      return asChoiceText();
    case 'auto':
      return asIndex(0) ?? asLetter() ?? asChoiceText();
  }
}

/** Collapses runs of whitespace and trims, for matching prompts across files. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
