// sacreBLEU 2.6.0 reference vectors (tests/fixtures/reference/bleu_cases.json, see PROVENANCE.md):
// every case must match in value (1e-12 relative), counts, strings and signatures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bleuJson,
  bleuSignature,
  computeBleu,
  corpusBleu,
  formatBleu,
  sentenceBleu,
  type BleuOptions,
  type BleuResult,
  type BleuScore,
} from '../../src/lib/metrics/bleu';

interface PyOptions {
  tokenize?: BleuOptions['tokenize'];
  lowercase?: boolean;
  smooth_method: BleuOptions['smoothMethod'];
  smooth_value: number | null;
  effective_order: boolean;
  max_ngram_order: number;
}
interface Expected {
  score: number;
  counts?: number[];
  totals?: number[];
  counts_after_smoothing?: number[];
  totals_after_smoothing?: number[];
  precisions: number[];
  bp: number;
  sys_len?: number;
  ref_len?: number;
  str: string;
  signature?: string;
  signature_short?: string;
  formatted_with_signature_w2?: string;
  cli_json_w1?: Record<string, string | number>;
}
interface Case {
  id: string;
  api: 'corpus_score' | 'sentence_score' | 'compute_bleu';
  hypotheses?: string[];
  references?: (string | null)[][] | string[];
  hypothesis?: string;
  stats?: { correct: number[]; total: number[]; sys_len: number; ref_len: number };
  options: PyOptions;
  expected: Expected;
}

const data = JSON.parse(
  readFileSync(new URL('../fixtures/reference/bleu_cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function options(o: PyOptions): BleuOptions {
  return {
    tokenize: o.tokenize ?? '13a',
    lowercase: o.lowercase ?? false,
    smoothMethod: o.smooth_method,
    smoothValue: o.smooth_value,
    maxNgramOrder: o.max_ngram_order,
    effectiveOrder: o.effective_order,
  };
}

/** Relative closeness; exact zeros must be exact. */
function close(actual: number, expected: number, rel = 1e-12): boolean {
  if (expected === 0) return actual === 0;
  return Math.abs(actual - expected) <= rel * Math.abs(expected);
}

function run(c: Case): BleuScore & Partial<BleuResult> {
  const o = options(c.options);
  if (c.api === 'compute_bleu' && c.stats) {
    const s = c.stats;
    return computeBleu([s.sys_len, s.ref_len, ...s.correct, ...s.total], o);
  }
  if (c.api === 'sentence_score') {
    return sentenceBleu(c.hypothesis ?? '', (c.references ?? []) as string[], o);
  }
  return corpusBleu(c.hypotheses ?? [], (c.references ?? []) as (string | null)[][], o);
}

describe('BLEU matches sacreBLEU 2.6.0 on every reference case', () => {
  it('has the expected number of cases', () => {
    expect(data.cases.length).toBe(82);
  });

  for (const c of data.cases) {
    it(c.id, () => {
      const r = run(c);
      const e = c.expected;
      expect(close(r.score, e.score), `score ${r.score} vs ${e.score}`).toBe(true);
      expect(close(r.bp, e.bp)).toBe(true);
      expect(r.precisions.length).toBe(e.precisions.length);
      r.precisions.forEach((p, i) => expect(close(p, e.precisions[i] ?? NaN), `p${i + 1}`).toBe(true));
      expect(r.counts).toEqual(e.counts ?? e.counts_after_smoothing);
      expect(r.totals).toEqual(e.totals ?? e.totals_after_smoothing);
      if (e.sys_len !== undefined) expect(r.sysLen).toBe(e.sys_len);
      if (e.ref_len !== undefined) expect(r.refLen).toBe(e.ref_len);
      expect(formatBleu(r)).toBe(e.str);
      if (e.signature !== undefined && r.signature !== undefined && r.nrefs !== undefined) {
        const o = options(c.options);
        expect(r.signature).toBe(e.signature);
        expect(bleuSignature(o, r.nrefs, {}, true)).toBe(e.signature_short);
        expect(formatBleu(r, { signature: r.signature })).toBe(e.formatted_with_signature_w2);
        expect(bleuJson(r, r.signature)).toEqual(e.cli_json_w1);
      }
    });
  }
});
