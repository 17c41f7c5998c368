// The worker's text sort (sort-load + sort-text through the real handler): its permutation equals textOrder's and
// rowOrder's on the page (sort-order.ts, data-columns.ts) on random keys with ties, case variants, numbers and
// missing values, in both directions; hand-worked cases pin the rules (natural order, stable ties, missing last).
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { rowOrder, textKeys } from '../ui/data-columns';
import { textOrder, type SortDirection } from '../ui/sort-order';
import { createAnalysisState, handleRequest, type AnalysisState } from './handler';

function sortInWorker(
  state: AnalysisState,
  keys: (string | undefined)[],
  direction: SortDirection,
): number[] {
  const load = handleRequest({ type: 'sort-load', id: 1, key: 'k', keys: structuredClone(keys) }, state);
  expect(load).toEqual({ type: 'sort-load', id: 1, key: 'k' });
  const answer = handleRequest({ type: 'sort-text', id: 2, key: 'k', direction }, state);
  if (answer.type !== 'sort-text') throw new Error(`unexpected ${answer.type}`);
  // The permutation crosses the worker boundary as a transferred buffer: check it survives cloning with transfer.
  const moved = structuredClone(answer.order, { transfer: [answer.order.buffer] });
  expect(moved).toBeInstanceOf(Uint32Array);
  return [...moved];
}

let seed = 7;
const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const VOCAB = [
  'apple',
  'Apple',
  'APPLE',
  'banana',
  'item-2',
  'item-10',
  'item-1',
  'Zebra',
  'éclair',
  'eclair',
  'b',
];

function randomKey(): string | undefined {
  const r = rand();
  if (r < 0.08) return undefined;
  if (r < 0.15) return '';
  // Few distinct words, so most keys tie with others (the stable rule decides their order).
  return rand() < 0.5 ? pick(VOCAB) : `${pick(VOCAB)} ${pick(VOCAB)}`;
}

describe('sort-text in the analysis handler', () => {
  it('equals textOrder on random keys with ties and missing values, both directions', () => {
    const state = createAnalysisState();
    for (let trial = 0; trial < 20; trial++) {
      const keys = Array.from({ length: 1 + Math.floor(rand() * 400) }, randomKey);
      for (const direction of ['ascending', 'descending'] as const)
        expect(sortInWorker(state, keys, direction)).toEqual([...textOrder(keys, direction)]);
    }
  });

  it('equals the page order of a row column (rowOrder over textKeys)', () => {
    const rows: Row[] = Array.from({ length: 300 }, (_, idx) => ({
      idx,
      id: `row-${(idx * 37) % 50}`,
      prompt: randomKey() ?? '',
      references: rand() < 0.1 ? [] : [pick(VOCAB)],
      responses: rand() < 0.1 ? {} : { ft: pick(VOCAB) },
      tags: rand() < 0.2 ? [] : [pick(VOCAB)],
      metadata: {},
    }));
    const state = createAnalysisState();
    for (const column of ['id', 'prompt', 'reference', 'system:ft', 'tags'])
      for (const direction of ['ascending', 'descending'] as const) {
        const keys = textKeys(rows, column);
        if (!keys) throw new Error(column);
        const page = rowOrder(rows, { column, direction }, []);
        expect(sortInWorker(state, keys, direction)).toEqual([...(page ?? [])]);
      }
  });

  it('hand-worked: natural order, case-insensitive stable ties, missing last in both directions', () => {
    const keys = ['item-10', '', 'item-2', 'B', undefined, 'b', 'a'];
    const state = createAnalysisState();
    // a < B = b (ties keep positions 3, 5) < item-2 < item-10; then the missing positions 1, 4.
    expect(sortInWorker(state, keys, 'ascending')).toEqual([6, 3, 5, 2, 0, 1, 4]);
    expect(sortInWorker(state, keys, 'descending')).toEqual([0, 2, 3, 5, 6, 1, 4]);
  });

  it('refuses a sort of keys it does not hold', () => {
    const state = createAnalysisState();
    handleRequest({ type: 'sort-load', id: 1, key: 'a', keys: ['x'] }, state);
    const answer = handleRequest({ type: 'sort-text', id: 2, key: 'b', direction: 'ascending' }, state);
    expect(answer).toMatchObject({ type: 'error', id: 2, code: 'sort-not-loaded' });
  });
});
