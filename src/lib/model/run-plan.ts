// What a perplexity run scores, built from dataset rows, and the signature that identifies its numbers. Pure code.
import type { Row } from '../core/types';
import { choiceContinuation } from '../metrics/perplexity/choice';
import type { Dtype, ScoreItem, ScoreOptions } from './protocol';

/** A text field of a row: the first reference, the prompt, or one system's response. */
export type TextField = 'reference' | 'prompt' | `response:${string}`;

/** Settings of one model's run that change its numbers. */
export interface RunSettings {
  modelId: string;
  revision: string;
  dtype: Dtype;
  mode: 'text' | 'choices';
  field: TextField;
  /** '' for rolling perplexity of the field alone. */
  contextField: '' | TextField;
  options: ScoreOptions;
}

/** Reads a field of a row; null when the row has none. */
export function fieldText(row: Row, field: TextField): string | null {
  if (field === 'reference') return row.references[0] ?? null;
  if (field === 'prompt') return row.prompt;
  return row.responses[field.slice('response:'.length)] ?? null;
}

/** sacreBLEU-style signature: every setting that changes the numbers (batch size and device do not, beyond float error). */
export function runSignature(s: RunSettings): string {
  const o = s.options;
  return [
    `ppl|model:${s.modelId}`,
    `rev:${s.revision}`,
    `dtype:${s.dtype}`,
    `mode:${s.mode}`,
    `field:${s.field}`,
    `ctx:${s.contextField || 'none'}`,
    `max:${o.maxLength}`,
    `stride:${o.stride}`,
    `bos:${o.addBos ? 'yes' : 'no'}`,
    `chat:${o.chatTemplate ? 'yes' : 'no'}`,
  ].join('|');
}

/** Item key of a row (text mode) or of one of its choices. */
export function itemKey(rowIdx: number, choice?: number): string {
  return choice === undefined ? String(rowIdx) : `${rowIdx}:${choice}`;
}

/** Parses an item key back to its row and choice. */
export function parseItemKey(key: string): { rowIdx: number; choice: number | null } {
  const [r, c] = key.split(':');
  return { rowIdx: Number(r), choice: c === undefined ? null : Number(c) };
}

/** Items for the rows not yet done; rows lacking the field (or choices) are listed as skipped. */
export function planItems(
  rows: readonly Row[],
  s: Pick<RunSettings, 'mode' | 'field' | 'contextField'>,
  doneRows: Iterable<number> = [],
): { items: ScoreItem[]; skipped: { rowIdx: number; reason: string }[] } {
  const done = new Set(doneRows);
  const items: ScoreItem[] = [];
  const skipped: { rowIdx: number; reason: string }[] = [];
  for (const row of rows) {
    if (done.has(row.idx)) continue;
    const context = s.contextField ? fieldText(row, s.contextField) : '';
    if (context === null) {
      skipped.push({ rowIdx: row.idx, reason: `no ${s.contextField}` });
      continue;
    }
    if (s.mode === 'choices') {
      if (!row.choices || row.choices.length === 0) {
        skipped.push({ rowIdx: row.idx, reason: 'no choices' });
        continue;
      }
      row.choices.forEach((c, i) =>
        items.push({ key: itemKey(row.idx, i), context: row.prompt, continuation: choiceContinuation(c) }),
      );
      continue;
    }
    const text = fieldText(row, s.field);
    if (text === null) {
      skipped.push({ rowIdx: row.idx, reason: `no ${s.field}` });
      continue;
    }
    items.push({ key: itemKey(row.idx), context, continuation: text });
  }
  return { items, skipped };
}
