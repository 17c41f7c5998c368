// The bundled samples in static/ import cleanly with the expected format, and have the properties the docs and
// browser tests rely on (categories, multi-sentence references, varied multiple-choice answers, hostile payloads).
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataset, type ParsedDataset } from '../../src/lib/dataset';

const load = (name: string): Promise<ParsedDataset> =>
  parseDataset(createReadStream(resolve(import.meta.dirname, '../../static', name)), { fileName: name });

// Token-overlap F1 (SQuAD-style, lower-cased word tokens): a crude, independent check of which answer is closer.
function overlapF1(a: string, b: string): number {
  const tok = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const ta = tok(a);
  const tb = tok(b);
  const counts = new Map<string, number>();
  for (const t of tb) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return 0;
  const p = common / ta.length;
  const r = common / tb.length;
  return (2 * p * r) / (p + r);
}

describe('static samples', () => {
  it('finetune-vs-base.jsonl: 60 rows, two systems, six categories', async () => {
    const d = await load('finetune-vs-base.jsonl');
    expect(d.errors).toEqual([]);
    expect(d.detection.format).toBe('wide-multi-system');
    expect(d.rows).toHaveLength(60);
    expect(d.systems.map((s) => s.name)).toEqual(['base', 'finetuned']);
    expect(d.tags).toEqual(['coding', 'math', 'qa', 'safety', 'summarization', 'writing']);
    expect(d.rows.every((r) => r.references.length === 1 && r.id.startsWith('ft-'))).toBe(true);
    // The fine-tuned model is closer to the reference on most rows, but not on all of them.
    let ftCloser = 0;
    let baseCloser = 0;
    for (const r of d.rows) {
      const ref = r.references[0] ?? '';
      const diff = overlapF1(r.responses['finetuned'] ?? '', ref) - overlapF1(r.responses['base'] ?? '', ref);
      if (diff > 0) ftCloser++;
      if (diff < 0) baseCloser++;
    }
    expect(ftCloser).toBeGreaterThanOrEqual(36);
    expect(baseCloser).toBeGreaterThanOrEqual(5);
  });

  it('summarization.jsonl: 25 articles, multi-sentence newline-separated references, two systems', async () => {
    const d = await load('summarization.jsonl');
    expect(d.errors).toEqual([]);
    expect(d.detection.format).toBe('outputs-object');
    expect(d.rows).toHaveLength(25);
    expect(d.systems.map((s) => s.name)).toEqual(['lead-2', 'summarizer-ft']);
    for (const r of d.rows) {
      expect(r.references).toHaveLength(1);
      expect((r.references[0] ?? '').split('\n').length).toBeGreaterThanOrEqual(2);
      expect(r.prompt.length).toBeGreaterThan(200);
    }
  });

  it('multiple-choice.jsonl: 30 items, letter answers, varied free-text responses', async () => {
    const d = await load('multiple-choice.jsonl');
    expect(d.errors).toEqual([]);
    expect(d.detection.format).toBe('multiple-choice');
    expect(d.mapping).toMatchObject({ choices: ['choices'], label: 'answer', labelEncoding: 'letter' });
    expect(d.rows).toHaveLength(30);
    expect(new Set(d.rows.map((r) => r.label))).toEqual(new Set([0, 1, 2, 3]));
    const responses = d.rows.map((r) => ({ text: r.responses['model'] ?? '', choices: r.choices ?? [] }));
    expect(responses.filter((x) => /^Answer: [A-D]$/.test(x.text)).length).toBeGreaterThanOrEqual(8);
    expect(responses.filter((x) => /^\([A-D]\)/.test(x.text)).length).toBeGreaterThanOrEqual(4);
    expect(responses.filter((x) => x.choices.includes(x.text)).length).toBeGreaterThanOrEqual(4);
    expect(
      responses.filter((x) => !/\b[A-D]\b/.test(x.text) && !x.choices.some((c) => x.text.includes(c))).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('hostile.jsonl: payloads are kept verbatim and one line is over 200 KB', async () => {
    const d = await load('hostile.jsonl');
    expect(d.errors).toEqual([]);
    const text = d.rows.map((r) => r.responses['model'] ?? '');
    expect(text.some((t) => t.includes('<script>window.__pwned'))).toBe(true);
    expect(text.some((t) => t.includes('onerror="window.__pwned'))).toBe(true);
    expect(text.some((t) => t.includes('(javascript:window.__pwned'))).toBe(true);
    expect(Math.max(...text.map((t) => t.length))).toBeGreaterThan(200 * 1024);
  });
});
