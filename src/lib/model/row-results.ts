// Turns scored items back into per-row values: a text row is one item; a multiple-choice row completes when all
// of its choices are in. Pure code.
import type { Row } from '../core/types';
import { countBytes, countWords, type PerplexityStats } from '../metrics/perplexity/corpus';
import type { DevicePreference, Dtype, ItemResult } from './protocol';
import { fieldText, parseItemKey, type TextField } from './run-plan';

/** Per-row stored value of a perplexity run (rowScores.value). */
export interface PplRowValue {
  tokens: number;
  nll_sum: number;
  words: number;
  bytes: number;
  /** Multiple choice: summed log-likelihood per choice. */
  lls?: number[];
}

/** User settings of the Perplexity view. */
export interface PerplexitySettings {
  device: DevicePreference;
  dtype: Dtype | '';
  mode: 'text' | 'choices';
  field: TextField;
  contextField: '' | TextField;
  maxLength: number;
  stride: number;
  batchSize: number;
  addBos: boolean;
  chatTemplate: boolean;
}

/** Sufficient statistics of a stored row value. */
export function toStats(v: PplRowValue): PerplexityStats {
  return { tokens: v.tokens, nllSum: v.nll_sum, words: v.words, bytes: v.bytes };
}

/** Collects item results into row values. */
export class RowResultCollector {
  readonly #rows: readonly Row[];
  readonly #field: TextField;
  readonly #choices = new Map<number, Map<number, ItemResult>>();

  constructor(rows: readonly Row[], field: TextField) {
    this.#rows = rows;
    this.#field = field;
  }

  /** Adds results; returns the rows they completed. */
  add(results: readonly ItemResult[]): { rowIdx: number; row: Row; value: PplRowValue }[] {
    const out: { rowIdx: number; row: Row; value: PplRowValue }[] = [];
    for (const r of results) {
      const { rowIdx, choice } = parseItemKey(r.key);
      const row = this.#rows[rowIdx];
      if (!row) continue;
      if (choice === null) {
        const text = fieldText(row, this.#field) ?? '';
        out.push({
          rowIdx,
          row,
          value: { tokens: r.tokens, nll_sum: r.nllSum, words: countWords(text), bytes: countBytes(text) },
        });
        continue;
      }
      const got = this.#choices.get(rowIdx) ?? new Map<number, ItemResult>();
      got.set(choice, r);
      this.#choices.set(rowIdx, got);
      const n = row.choices?.length ?? 0;
      if (got.size < n) continue;
      this.#choices.delete(rowIdx);
      const per = Array.from({ length: n }, (_, i) => got.get(i));
      out.push({
        rowIdx,
        row,
        value: {
          tokens: per.reduce((a, x) => a + (x?.tokens ?? 0), 0),
          nll_sum: per.reduce((a, x) => a + (x?.nllSum ?? 0), 0),
          words: 0,
          bytes: 0,
          lls: per.map((x) => -(x?.nllSum ?? NaN)),
        },
      });
    }
    return out;
  }
}
