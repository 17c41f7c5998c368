// Run planning from dataset rows, row result collection, signatures, and token pieces for the surprisal view.
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/lib/core/types';
import { tokenPieces } from '../../src/lib/model/pieces';
import { RowResultCollector } from '../../src/lib/model/row-results';
import { planItems, runSignature } from '../../src/lib/model/run-plan';

const row = (idx: number, extra: Partial<Row> = {}): Row => ({
  id: `r${idx}`,
  idx,
  prompt: `Q${idx}?`,
  references: [`ref ${idx}`],
  responses: { ft: `resp ${idx}` },
  tags: [],
  metadata: {},
  ...extra,
});

describe('planItems', () => {
  it('scores the chosen field given the context field, skipping finished rows and rows without the field', () => {
    const rows = [row(0), row(1, { references: [] }), row(2)];
    const { items, skipped } = planItems(
      rows,
      { mode: 'text', field: 'reference', contextField: 'prompt' },
      [2],
    );
    expect(items).toEqual([{ key: '0', context: 'Q0?', continuation: 'ref 0' }]);
    expect(skipped).toEqual([{ rowIdx: 1, reason: 'no reference' }]);
    const resp = planItems(rows, { mode: 'text', field: 'response:ft', contextField: '' });
    expect(resp.items.map((i) => i.continuation)).toEqual(['resp 0', 'resp 1', 'resp 2']);
  });
  it('multiple choice: one item per " " + choice, given the prompt', () => {
    const { items } = planItems([row(0, { choices: ['yes', 'no'], label: 1 })], {
      mode: 'choices',
      field: 'reference',
      contextField: '',
    });
    expect(items).toEqual([
      { key: '0:0', context: 'Q0?', continuation: ' yes' },
      { key: '0:1', context: 'Q0?', continuation: ' no' },
    ]);
  });
  it('the signature names every setting that changes the numbers, and not the batch size', () => {
    const base = {
      modelId: 'm',
      revision: 'main',
      dtype: 'fp32' as const,
      mode: 'text' as const,
      field: 'reference' as const,
      contextField: '' as const,
      options: { maxLength: 8, stride: 4, batchSize: 1, addBos: false, chatTemplate: false },
    };
    const sig = runSignature(base);
    expect(sig).toBe(
      'ppl|model:m|rev:main|dtype:fp32|mode:text|field:reference|ctx:none|max:8|stride:4|bos:no|chat:no',
    );
    expect(runSignature({ ...base, options: { ...base.options, batchSize: 9 } })).toBe(sig);
    expect(runSignature({ ...base, options: { ...base.options, stride: 3 } })).not.toBe(sig);
  });
});

describe('RowResultCollector', () => {
  it('text rows complete at once with words and bytes; choice rows when every choice is in', () => {
    const rows = [row(0, { references: ['ñ b'] }), row(1, { choices: ['a', 'b'] })];
    const c = new RowResultCollector(rows, 'reference');
    expect(c.add([{ key: '0', tokens: 3, nllSum: 6 }])).toEqual([
      { rowIdx: 0, row: rows[0], value: { tokens: 3, nll_sum: 6, words: 2, bytes: 4 } },
    ]);
    expect(c.add([{ key: '1:1', tokens: 2, nllSum: 3 }])).toEqual([]);
    const done = c.add([{ key: '1:0', tokens: 2, nllSum: 1 }]);
    expect(done[0]?.value).toEqual({ tokens: 4, nll_sum: 4, words: 0, bytes: 0, lls: [-1, -3] });
  });
});

describe('tokenPieces', () => {
  it('gives a split UTF-8 character to the token that completes it; pieces concatenate to the text', () => {
    const bytes = Array.from(new TextEncoder().encode('añ€b'));
    const decode = (ids: readonly number[]) => new TextDecoder().decode(Uint8Array.from(ids));
    const pieces = tokenPieces(decode, bytes);
    expect(pieces).toEqual(['a', '', 'ñ', '', '', '€', 'b']);
    expect(pieces.join('')).toBe('añ€b');
  });
});
