// The page-side client of the analysis worker against the real message loop on the far end of a MessageChannel
// (structured cloning both ways, as with a Worker): answers by request id, superseded requests on a channel reject
// with AbortError and are never computed when still queued, errors carry their code, a crash fails what is pending
// and the next request starts a fresh worker.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { isAbort, YardstickError } from '../../src/lib/core/errors';
import type { AnalysisRequest, AnalysisResponse, HumanData } from '../../src/lib/analysis/protocol';
import type { SessionConfig } from '../../src/lib/ratings/session';
import { createAnalysisQueue } from '../../src/lib/analysis/queue';
import { sessionResults } from '../../src/lib/ratings/session-results';
import { AnalysisClient, type WorkerLike } from '../../src/lib/state/analysis-client';

/** A worker stand-in: the real queue and handler behind a MessageChannel, counting what it computed. */
interface Log {
  computed: number[];
  workers: WorkerLike[];
  ports: { close(): void }[];
}
function channelWorker(log: Log): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  log.ports.push(port1, port2);
  const queue = createAnalysisQueue(
    (m: AnalysisResponse) => {
      if (m.type !== 'cancelled') log.computed.push(m.id);
      port2.postMessage(m);
    },
    (run) => setTimeout(run, 0),
  );
  port2.on('message', (m: AnalysisRequest) => queue.push(m));
  const w: WorkerLike = {
    postMessage: (m) => port1.postMessage(m),
    onmessage: null,
    onerror: null,
    terminate: () => port1.close(),
  };
  port1.on('message', (data: AnalysisResponse) => w.onmessage?.({ data } as MessageEvent<AnalysisResponse>));
  log.workers.push(w);
  return w;
}

const annotation = (annotator: string, rowId: string, choice: string) => ({
  id: `s|${annotator}|${rowId}`,
  sessionId: 's',
  rowId,
  annotator,
  kind: 'pairwise' as const,
  value: { choice, left: 'ft', right: 'base' },
  createdAt: 0,
});
const data: HumanData = {
  annotations: [annotation('ann', 'r1', 'A'), annotation('ann', 'r2', 'B'), annotation('bob', 'r1', 'tie')],
  datasetPairwise: [],
  tagsByRow: new Map([['r1', ['x']]]),
};
const config: SessionConfig = {
  kind: 'pairwise',
  systems: ['ft', 'base'],
  selection: { mode: 'all' },
  seed: 3,
  rowIds: ['r1', 'r2'],
};
const results = (annotator = '') =>
  ({ type: 'human-results', key: 'h1', query: { config, annotator, btBaseline: '' } }) as const;
const load = () => client.request({ type: 'human-load', key: 'h1', data });

const fresh = (): Log => ({ computed: [], workers: [], ports: [] });
let log = fresh();
let client = new AnalysisClient(() => channelWorker(log));
afterEach(() => {
  client.dispose();
  for (const p of log.ports) p.close();
  log = fresh();
  client = new AnalysisClient(() => channelWorker(log));
});

describe('analysis client', () => {
  it('starts the worker on the first request and resolves with the computed answer', async () => {
    expect(log.workers.length).toBe(0);
    void load();
    const a = await client.request(results());
    expect(log.workers.length).toBe(1);
    expect(a.results).toEqual(sessionResults(config, data.annotations, [], data.tagsByRow, '', ''));
    // r1: (1 + ½) / 2 = ¾, r2: 0 → ⅜.
    expect(a.results.summary?.winRate).toBeCloseTo(0.375, 12);
    expect(client.pending).toBe(0);
  });

  it('supersedes the pending request of a channel: only the last answer arrives, queued ones are not computed', async () => {
    await load();
    log.computed.length = 0;
    const first = client.request(results(), 'results');
    const second = client.request(results('ann'), 'results');
    const third = client.request(results('bob'), 'results');
    const outcomes = await Promise.allSettled([first, second, third]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    for (const o of outcomes.slice(0, 2)) if (o.status === 'rejected') expect(isAbort(o.reason)).toBe(true);
    const last = outcomes[2];
    // bob alone: a tie on r1 → ½.
    if (last?.status === 'fulfilled') expect(last.value.results.summary?.winRate).toBe(0.5);
    // All three were sent before the worker's first task ran, so the two cancels dropped the first two from its
    // queue: the worker computed one answer.
    expect(log.computed).toHaveLength(1);
  });

  it('requests on different channels do not supersede each other', async () => {
    void load();
    const [a, b] = await Promise.all([
      client.request(results('ann'), 'one'),
      client.request(results('bob'), 'two'),
    ]);
    expect([a.results.summary?.winRate, b.results.summary?.winRate]).toEqual([0.5, 0.5]);
  });

  it('rejects with the error code the worker answered', async () => {
    const failed = client.request({ type: 'report-summary', key: 'never-loaded', mask: null });
    await expect(failed).rejects.toBeInstanceOf(YardstickError);
    await expect(failed).rejects.toMatchObject({ code: 'report-not-loaded' });
  });

  it('after a crash, fails what is pending and starts a fresh worker (a new generation) on the next request', async () => {
    expect(client.generation).toBe(1);
    const loading = load();
    const pending = client.request(results());
    // The Worker's error event, as an uncaught exception inside the worker raises it.
    log.workers[0]?.onerror?.({ message: 'boom' } as ErrorEvent);
    for (const p of [loading, pending])
      await expect(p).rejects.toMatchObject({ code: 'worker-crashed', message: 'boom' });
    // The fresh worker has no annotations until they are sent again.
    await expect(client.request(results())).rejects.toMatchObject({ code: 'human-not-loaded' });
    void load();
    const again = await client.request(results());
    expect(again.results.summary?.items).toBe(2);
    expect(client.generation).toBe(2);
    expect(log.workers.length).toBe(2);
  });
});
