// The Data view's row order against the real analysis queue and handler behind a MessageChannel (structured cloning,
// as with a Worker): a large text sort comes from the worker and equals the page's sortRows; the keys are sent once
// per rows and column; the previous order stays while a sort is pending; a newer sort supersedes an older one; small
// tables and numeric columns sort synchronously without the worker.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Row } from '../../src/lib/core/types';
import { createAnalysisQueue } from '../../src/lib/analysis/queue';
import {
  transferablesOf,
  type AnalysisRequest,
  type AnalysisResponse,
} from '../../src/lib/analysis/protocol';
import { AnalysisClient, type WorkerLike } from '../../src/lib/state/analysis-client';
import { DataSortState, WORKER_SORT_MIN_ROWS } from '../../src/lib/state/data-sort.svelte';
import { sortRows, type ScoreColumn } from '../../src/lib/ui/data-columns';

const closers: { close(): void }[] = [];
afterEach(() => closers.splice(0).forEach((p) => p.close()));

/** The real queue and handler on the far side of a MessageChannel; `sent` logs the request types. */
function client(sent: string[]): AnalysisClient {
  return new AnalysisClient(() => {
    const { port1, port2 } = new MessageChannel();
    closers.push(port1, port2);
    const queue = createAnalysisQueue(
      (m: AnalysisResponse) => port2.postMessage(m, transferablesOf(m) as ArrayBuffer[]),
      (run) => setTimeout(run, 0),
    );
    port2.on('message', (m: AnalysisRequest) => queue.push(m));
    const w: WorkerLike = {
      postMessage: (m) => {
        sent.push(m.type);
        port1.postMessage(m);
      },
      onmessage: null,
      onerror: null,
      terminate: () => port1.close(),
    };
    port1.on('message', (data: AnalysisResponse) =>
      w.onmessage?.({ data } as MessageEvent<AnalysisResponse>),
    );
    return w;
  });
}

const WORDS = ['alpha', 'Beta', 'beta', 'gamma', 'item-2', 'item-10', ''];
const makeRows = (n: number): Row[] =>
  Array.from({ length: n }, (_, idx) => ({
    idx,
    id: `row-${(idx * 7919) % n}`,
    prompt: `${WORDS[(idx * 13) % WORDS.length] ?? ''} ${WORDS[(idx * 5) % 3] ?? ''}`.trim(),
    references: idx % 11 === 0 ? [] : [WORDS[idx % WORDS.length] ?? ''],
    responses: { ft: WORDS[(idx * 3) % WORDS.length] ?? '' },
    tags: [],
    metadata: {},
  }));

describe('DataSortState', () => {
  it('sorts a large text column in the worker, equal to sortRows, sending the keys once', async () => {
    const sent: string[] = [];
    const state = new DataSortState<Row>(client(sent));
    const rows = makeRows(WORKER_SORT_MIN_ROWS + 500);
    await state.update(rows, { column: 'prompt', direction: 'ascending' }, []);
    expect(state.rows).toEqual(sortRows(rows, { column: 'prompt', direction: 'ascending' }, []));
    expect(state.pending).toBe(false);

    // Descending: only a sort request; until its answer the ascending order stays on screen.
    const done = state.update(rows, { column: 'prompt', direction: 'descending' }, []);
    expect(state.pending).toBe(true);
    expect(state.rows).toEqual(sortRows(rows, { column: 'prompt', direction: 'ascending' }, []));
    await done;
    expect(state.rows).toEqual(sortRows(rows, { column: 'prompt', direction: 'descending' }, []));
    expect(sent).toEqual(['sort-load', 'sort-text', 'sort-text']);

    await state.update(rows, { column: 'reference', direction: 'ascending' }, []);
    expect(state.rows).toEqual(sortRows(rows, { column: 'reference', direction: 'ascending' }, []));
    expect(sent.filter((t) => t === 'sort-load')).toHaveLength(2);
  });

  it('a newer sort supersedes a pending one', async () => {
    const sent: string[] = [];
    const state = new DataSortState<Row>(client(sent));
    const rows = makeRows(WORKER_SORT_MIN_ROWS);
    const first = state.update(rows, { column: 'prompt', direction: 'ascending' }, []);
    const second = state.update(rows, { column: 'id', direction: 'descending' }, []);
    await Promise.all([first, second]);
    expect(state.rows).toEqual(sortRows(rows, { column: 'id', direction: 'descending' }, []));
    expect(sent).toContain('cancel');
    expect(state.pending).toBe(false);
  });

  it('sorts small tables and numeric columns here, without the worker', async () => {
    const sent: string[] = [];
    const state = new DataSortState<Row>(client(sent));
    const small = makeRows(50);
    void state.update(small, { column: 'prompt', direction: 'descending' }, []);
    expect(state.pending).toBe(false);
    expect(state.rows).toEqual(sortRows(small, { column: 'prompt', direction: 'descending' }, []));

    const rows = makeRows(WORKER_SORT_MIN_ROWS);
    const score: ScoreColumn = {
      id: 'bleu',
      label: 'BLEU',
      title: '',
      values: Float64Array.from(rows, (r) => (r.idx * 37) % 101),
      digits: 2,
    };
    void state.update(rows, { column: 'bleu', direction: 'ascending' }, [score]);
    expect(state.rows).toEqual(sortRows(rows, { column: 'bleu', direction: 'ascending' }, [score]));
    void state.update(rows, null, [score]);
    expect(state.rows).toBe(rows);
    expect(sent.filter((t) => t !== 'cancel')).toEqual([]);
  });
});
