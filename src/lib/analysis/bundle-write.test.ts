// `bundle-open` through the worker's real message loop and a (fake-indexeddb) database: the demo bundle is written
// in one go and answered with the new project id, which reads back as the same records restore() accepted; a
// refused bundle and a write that fails half-way leave the database as it was.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../db/schema';
import { restore } from '../report/bundle/restore';
import { loadProjectRecords } from '../state/report-io.svelte';
import { createAnalysisState } from './handler';
import type { AnalysisRequest, AnalysisResponse, BundleSource } from './protocol';
import { createAnalysisQueue } from './queue';

const demo = (): Uint8Array => new Uint8Array(readFileSync('static/demo/demo-project.json.gz'));

let db: YardstickDb;
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Sends requests through the queue (each in its own task, as in the worker); resolves with every answer. */
function send(requests: AnalysisRequest[]): Promise<AnalysisResponse[]> {
  const answers: AnalysisResponse[] = [];
  return new Promise((resolve) => {
    const queue = createAnalysisQueue(
      (m) => {
        answers.push(structuredClone(m));
        if (answers.length === requests.length) resolve(answers);
      },
      (run) => setTimeout(run, 0),
      createAnalysisState(() => db),
    );
    for (const r of requests) queue.push(r);
  });
}

const open = (id: number, source: BundleSource): AnalysisRequest => ({
  type: 'bundle-open',
  id,
  source,
  options: { mode: 'shared', readOnly: true, namePrefix: 'Shared: ' },
});

describe('bundle-open in the analysis worker', () => {
  it('writes the bundle and answers the new project id, in request order', async () => {
    db = openDb(`bundle-write-${Math.random()}`);
    const expected = restore(demo());
    if (!expected.ok) throw new Error(expected.error.message);
    const [first, sorted] = await send([
      open(1, { kind: 'bundle', input: demo() }),
      { type: 'sort-load', id: 2, key: 'k', keys: [] },
    ]);
    // The synchronous request queued behind the write is answered after it, not before.
    expect(first?.id).toBe(1);
    expect(sorted).toEqual({ type: 'sort-load', id: 2, key: 'k' });
    if (first?.type !== 'bundle-open' || !first.outcome.ok) throw new Error(JSON.stringify(first));
    expect(first.outcome.name).toBe(expected.value.project.name);
    const stored = await loadProjectRecords(db, first.outcome.projectId);
    expect(stored?.project.name).toBe(`Shared: ${expected.value.project.name}`);
    expect(stored?.project.readOnly).toBe(true);
    expect(stored?.rows.map((r) => r.id)).toEqual(expected.value.rows.map((r) => r.id));
    expect(stored?.rowScores).toHaveLength(expected.value.rowScores.length);
    expect(stored?.annotations).toHaveLength(expected.value.annotations.length);
    expect(stored?.judgments).toHaveLength(expected.value.judgments.length);
  });

  it('changes nothing for a refused bundle or a write that fails half-way', async () => {
    db = openDb(`bundle-write-${Math.random()}`);
    const counts = async () => Promise.all(db.tables.map((t) => t.count()));
    const before = await counts();
    const [refused] = await send([open(1, { kind: 'bundle', input: 'not json' })]);
    expect(refused?.type === 'bundle-open' && refused.outcome.ok).toBe(false);
    // A stray judgment (of no project) already holds the id the bundle's last judgment gets in 'shared' mode:
    // the judgments bulkAdd fails after the other tables were written in the same transaction, which must then
    // abort whole.
    const r = restore(demo());
    if (!r.ok) throw new Error(r.error.message);
    const last = r.value.judgments.at(-1);
    if (!last) throw new Error('the demo has no judgments');
    await db.judgments.add({ ...last, id: `judgment-${r.value.checksum}-${last.id}`, runId: 'elsewhere' });
    const before2 = await counts();
    const [failed] = await send([open(2, { kind: 'bundle', input: demo() })]);
    expect(failed?.type).toBe('error');
    expect(await counts()).toEqual(before2);
    expect(before2.reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0) + 1);
  });
});
