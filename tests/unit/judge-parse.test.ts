// Parser tests over a corpus of judge outputs in each format the judges use (tests/fixtures/judge/*.jsonl):
// MT-Bench [[N]] and [[A]]/[[B]]/[[C]], Arena-Hard [[A>>B]], Prometheus [RESULT], "Score: N", N/5, JSON (clean,
// fenced, damaged), and the failures that must never become a score (truncated, refusals, out of range).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScore, parseVerdict, reasoningOf } from '../../src/lib/judge/parse';
import { extractJsonObject } from '../../src/lib/judge/json-repair';

function load<T>(name: string): T[] {
  const text = readFileSync(new URL(`../fixtures/judge/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

interface SingleCase {
  format: string;
  scale: { min: number; max: number };
  text: string;
  expected: number | null;
}
interface PairCase {
  format: string;
  text: string;
  expected: 'A' | 'B' | 'tie' | null;
}

describe('parseScore over the corpus', () => {
  const cases = load<SingleCase>('single-outputs.jsonl');
  it('covers every format', () => {
    const formats = new Set(cases.map((c) => c.format.split('-')[0]));
    for (const f of ['mt', 'prometheus', 'label', 'fraction', 'json', 'truncated'])
      expect(formats).toContain(f);
  });
  it.each(cases.map((c) => [c.format, c.text.slice(0, 50), c] as const))('%s: %s', (_f, _t, c) => {
    const r = parseScore(c.text, c.scale);
    if (c.expected === null) {
      expect(r.ok).toBe(false);
      expect(r).not.toHaveProperty('score');
    } else {
      expect(r).toMatchObject({ ok: true, score: c.expected });
    }
  });
});

describe('parseVerdict over the corpus', () => {
  const cases = load<PairCase>('pairwise-outputs.jsonl');
  it.each(cases.map((c) => [c.format, c.text.slice(0, 50), c] as const))('%s: %s', (_f, _t, c) => {
    const r = parseVerdict(c.text);
    if (c.expected === null) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, verdict: c.expected });
  });
});

describe('parser rules', () => {
  it('the last match wins across marker kinds', () => {
    expect(parseScore('Score: 2 at first glance. On reflection [[4]]', { min: 1, max: 5 })).toMatchObject({
      score: 4,
    });
    expect(parseScore('[[4]] ... actually Score: 2', { min: 1, max: 5 })).toMatchObject({ score: 2 });
  });
  it('an out-of-range last match is a failure, not the previous match', () => {
    const r = parseScore('Score: 4. Rating: [[9]]', { min: 1, max: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/outside 1–5/);
  });
  it('JSON wins over markers inside the feedback', () => {
    expect(
      parseScore('{"feedback": "Score: 1 would be unfair", "score": 4}', { min: 1, max: 5 }),
    ).toMatchObject({
      score: 4,
      via: 'json',
    });
  });
  it('reasoning is the JSON feedback when present, the text otherwise', () => {
    expect(reasoningOf('{"feedback": "Clear.", "score": 5}')).toBe('Clear.');
    expect(reasoningOf('  Good answer. Score: 5 ')).toBe('Good answer. Score: 5');
  });
  it('extracts nothing from text without an object, and a nested object whole', () => {
    expect(extractJsonObject('no json here')).toBeNull();
    expect(extractJsonObject('x {"a": {"b": "}"}, "c": 1} y')).toEqual({ a: { b: '}' }, c: 1 });
  });
});
