// The worker's message loop with a hand-driven scheduler: one request per task, cancels read between tasks drop
// queued requests (each still answered, as `cancelled`), a cancel of a finished request changes nothing.
import { describe, expect, it } from 'vitest';
import type { AnalysisRequest, AnalysisResponse, HumanData, HumanResultsQuery } from './protocol';
import { createAnalysisQueue } from './queue';

const data: HumanData = {
  annotations: [
    {
      id: 'x',
      sessionId: 's',
      rowId: 'r',
      annotator: 'ann',
      kind: 'pairwise',
      value: { choice: 'A', left: 'a', right: 'b' },
      createdAt: 0,
    },
  ],
  datasetPairwise: [],
  tagsByRow: new Map(),
};
const query: HumanResultsQuery = {
  config: { kind: 'pairwise', systems: ['a', 'b'], selection: { mode: 'all' }, seed: 1, rowIds: ['r'] },
  annotator: '',
  btBaseline: '',
};
const human = (id: number): AnalysisRequest => ({ type: 'human-results', id, key: 'h', query });

function harness() {
  const posted: AnalysisResponse[] = [];
  const tasks: (() => void)[] = [];
  const queue = createAnalysisQueue(
    (m) => posted.push(m),
    (run) => tasks.push(run),
  );
  const runTask = () => tasks.shift()?.();
  // The annotations every human-results request below reads.
  queue.push({ type: 'human-load', id: 0, key: 'h', data });
  runTask();
  posted.length = 0;
  return { posted, tasks, queue, runTask, answered: () => posted.map((p) => [p.id, p.type]) };
}

describe('analysis queue', () => {
  it('runs requests one task at a time, in order', () => {
    const h = harness();
    h.queue.push(human(1));
    h.queue.push(human(2));
    expect(h.posted).toEqual([]);
    expect(h.tasks).toHaveLength(1);
    h.runTask();
    expect(h.answered()).toEqual([[1, 'human-results']]);
    expect(h.queue.waiting).toBe(1);
    h.runTask();
    expect(h.answered()).toEqual([
      [1, 'human-results'],
      [2, 'human-results'],
    ]);
    expect(h.tasks).toHaveLength(0);
  });

  it('drops a queued request on cancel and answers it as cancelled; the next one still runs', () => {
    const h = harness();
    for (const id of [1, 2, 3]) h.queue.push(human(id));
    h.runTask();
    // 2 is superseded while 1 was running: its cancel arrives before the task that would start it.
    h.queue.push({ type: 'cancel', id: 4, target: 2 });
    h.runTask();
    expect(h.answered()).toEqual([
      [1, 'human-results'],
      [2, 'cancelled'],
      [3, 'human-results'],
    ]);
  });

  it('ignores a cancel of a request already answered or unknown', () => {
    const h = harness();
    h.queue.push(human(1));
    h.runTask();
    h.queue.push({ type: 'cancel', id: 2, target: 1 });
    h.queue.push({ type: 'cancel', id: 3, target: 99 });
    expect(h.answered()).toEqual([[1, 'human-results']]);
    expect(h.tasks).toHaveLength(0);
  });

  it('answers a failing request with an error and keeps going', () => {
    const h = harness();
    h.queue.push({ type: 'report-summary', id: 1, key: 'none', mask: null });
    h.queue.push(human(2));
    h.runTask();
    h.runTask();
    expect(h.posted[0]).toMatchObject({ type: 'error', id: 1, code: 'report-not-loaded' });
    expect(h.posted[1]).toMatchObject({ type: 'human-results', id: 2 });
  });
});
