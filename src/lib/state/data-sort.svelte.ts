// The Data view's row order. Numbers (#, score columns) and small tables sort here; a text column of a large table
// sorts in the analysis worker, since collating 100k prompts blocked the page 380–590 ms even with a shared
// Intl.Collator. The column's keys go to the worker once per rows array and column; each direction then asks only
// for a permutation (transferred Uint32Array); a newer sort supersedes a pending one, and the order on screen stays
// as it was, with `pending` set, until the new one arrives.
import { AbortError } from '../core/errors';
import type { Row } from '../core/types';
import type { RowRecord } from '../db/records';
import { applyOrder, isTextColumn, sortRows, textKeys, type ScoreColumn } from '../ui/data-columns';
import type { SortSpec } from '../ui/sort-order';
import { analysis, type AnalysisClient } from './analysis-client';

/** Tables with fewer rows sort text synchronously (a few ms; a worker round trip would only add latency). */
export const WORKER_SORT_MIN_ROWS = 5000;

/** True when this sort goes to the worker. */
export function sortsInWorker(rows: number, sort: SortSpec | null, scores: readonly ScoreColumn[]): boolean {
  return (
    sort !== null &&
    rows >= WORKER_SORT_MIN_ROWS &&
    sort.column !== 'idx' &&
    !scores.some((c) => c.id === sort.column) &&
    isTextColumn(sort.column)
  );
}

/** The rows in display order, updated by update(). */
export class DataSortState<T extends Row> {
  #shown = $state.raw<readonly T[]>([]);
  #pending = $state(false);
  /** The rows array the shown order was made from. */
  #source: readonly T[] | null = null;
  /** The text column the worker holds, for which rows, in which worker. */
  #loaded: { rows: readonly T[]; column: string; key: string; generation: number } | null = null;
  #ticket = 0;
  #nextKey = 1;
  readonly #client: AnalysisClient;

  constructor(client: AnalysisClient = analysis) {
    this.#client = client;
  }

  /** The rows in the current (or, while `pending`, the previous) order. */
  get rows(): readonly T[] {
    return this.#shown;
  }
  /** True while a worker sort is on its way. */
  get pending(): boolean {
    return this.#pending;
  }

  /** Orders `rows` by `sort`; returns the worker's answer when there is one to wait for (tests await it). */
  update(rows: readonly T[], sort: SortSpec | null, scores: readonly ScoreColumn[]): Promise<void> {
    const ticket = ++this.#ticket;
    this.#client.cancel('data-sort');
    if (!sort || !sortsInWorker(rows.length, sort, scores)) {
      this.#pending = false;
      this.#show(rows, sortRows(rows, sort, scores));
      return Promise.resolve();
    }
    // Other rows (another dataset, a reload): the old order means nothing for them, show them unsorted meanwhile.
    if (this.#source !== rows) this.#show(rows, rows);
    this.#pending = true;
    return this.#sortInWorker(rows, sort, ticket);
  }

  #show(source: readonly T[], shown: readonly T[]): void {
    this.#source = source;
    this.#shown = shown;
  }

  /** The worker's key for the column's keys, sending them first unless it already holds them. */
  #load(rows: readonly T[], column: string): string {
    const generation = this.#client.generation;
    const l = this.#loaded;
    if (l && l.rows === rows && l.column === column && l.generation === generation) return l.key;
    const keys = textKeys(rows, column) ?? [];
    const key = `sort-${this.#nextKey++}`;
    this.#loaded = { rows, column, key, generation };
    // Not awaited: the worker runs requests in order, so the sort that follows finds the keys loaded.
    this.#client.request({ type: 'sort-load', key, keys }, 'data-sort-load').catch(() => {
      if (this.#loaded?.key === key) this.#loaded = null;
    });
    return key;
  }

  async #sortInWorker(rows: readonly T[], sort: SortSpec, ticket: number): Promise<void> {
    try {
      const key = this.#load(rows, sort.column);
      const answer = await this.#client.request(
        { type: 'sort-text', key, direction: sort.direction },
        'data-sort',
      );
      if (ticket === this.#ticket) this.#show(rows, applyOrder(rows, answer.order));
    } catch (e) {
      if (e instanceof AbortError || ticket !== this.#ticket) return;
      // The worker failed: sort here (slower, same order) rather than leave the table in the wrong order.
      console.warn('Sorting in the analysis worker failed; sorting on the page', e);
      this.#show(rows, sortRows(rows, sort, []));
    } finally {
      if (ticket === this.#ticket) this.#pending = false;
    }
  }
}

/** The Data view's row order. */
export const dataSort = new DataSortState<RowRecord>();
