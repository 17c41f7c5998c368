// Human-evaluation repository over fake-indexeddb: export a session, import it as another annotator, merge.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type YardstickDb } from '../../src/lib/db/schema';
import type { AnnotationRecord, DatasetRecord } from '../../src/lib/db/records';
import { putRows } from '../../src/lib/db/rows';
import {
  exportSessions,
  importAnnotationFile,
  listSessions,
  sessionAnnotations,
} from '../../src/lib/state/human-store.svelte';
import { annotationId } from '../../src/lib/ratings/annotations';
import { parseAnnotationFile } from '../../src/lib/ratings/annotation-file';
import { computePairwiseSummary } from '../../src/lib/ratings/winrate';
import { toPairwiseVotes } from '../../src/lib/ratings/annotations';

let db: YardstickDb;
let n = 0;
const dataset: DatasetRecord = {
  id: 'd1',
  projectId: 'p1',
  name: 'sample',
  format: 'generic',
  rowCount: 3,
  contentHash: 'abc',
  systems: [{ name: 'ft' }, { name: 'base' }],
  tags: [],
  mapping: {},
  createdAt: 1,
};

function answer(annotator: string, rowId: string, choice: string, createdAt: number): AnnotationRecord {
  return {
    id: annotationId('s1', annotator, rowId),
    sessionId: 's1',
    projectId: 'p1',
    datasetId: 'd1',
    rowId,
    annotator,
    kind: 'pairwise',
    value: { choice, left: 'ft', right: 'base', seed: 9 },
    createdAt,
  };
}

beforeEach(async () => {
  db = openDb(`human-${n++}`);
  await db.datasets.put(dataset);
  await putRows(
    db,
    'd1',
    ['r1', 'r2', 'r3'].map((id, idx) => ({
      id,
      idx,
      prompt: `p${idx}`,
      references: [],
      responses: { ft: 'x', base: 'y' },
      tags: [],
      metadata: {},
    })),
  );
  await db.annotationSessions.put({
    id: 's1',
    projectId: 'p1',
    datasetId: 'd1',
    kind: 'pairwise',
    name: 'ft vs base',
    config: {
      kind: 'pairwise',
      systems: ['ft', 'base'],
      selection: { mode: 'all' },
      seed: 9,
      rowIds: ['r1', 'r2', 'r3'],
    },
    createdAt: 1,
  });
  await db.annotations.bulkPut([
    answer('alice', 'r1', 'A', 10),
    answer('alice', 'r2', 'B', 11),
    answer('alice', 'r3', 'tie', 12),
  ]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('annotation files through the database', () => {
  it('exports every answer of the session with the guidelines', async () => {
    const sessions = await listSessions(db, 'd1');
    const text = await exportSessions(db, dataset, sessions, 'alice', 'Prefer correct answers.');
    const parsed = parseAnnotationFile(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.annotations.map((a) => a.rowId)).toEqual(['r1', 'r2', 'r3']);
    expect(parsed.header?.sessions[0]?.guidelines).toBe('Prefer correct answers.');
    expect(text).not.toMatch(/projectId|datasetId/);
  });

  it('imports another annotator, skips duplicates, reports a conflict and keeps the newer answer', async () => {
    const text = await exportSessions(db, dataset, await listSessions(db, 'd1'), 'alice', '');
    const [header, ...lines] = text.trim().split('\n');
    const bob = lines.map((l) => l.replace('"annotator":"alice"', '"annotator":"bob"'));
    const aliceAgain = [
      lines[0] ?? '',
      (lines[1] ?? '').replace('"choice":"B"', '"choice":"A"').replace('"createdAt":11', '"createdAt":50'),
    ];
    const report = await importAnnotationFile(db, dataset, [header, ...bob, ...aliceAgain].join('\n'));
    expect(report.added).toBe(3);
    expect(report.duplicates).toBe(1);
    expect(report.conflicts.map((c) => [c.annotator, c.rowId, c.kept.value.choice])).toEqual([
      ['alice', 'r2', 'A'],
    ]);
    const stored = await sessionAnnotations(db, 's1');
    expect(stored).toHaveLength(6);
    expect(stored.find((a) => a.id === annotationId('s1', 'alice', 'r2'))?.value.choice).toBe('A');
    // Pooled per item: r1 win (both), r2 win (alice now A) and loss (bob B) → ½, r3 tie → (1 + ½ + ½)/3.
    expect(computePairwiseSummary(toPairwiseVotes(stored), 'ft', 'base').winRate).toBeCloseTo(2 / 3, 12);
  });

  it('creates a session it does not know, and skips items missing from this dataset', async () => {
    const text = await exportSessions(db, dataset, await listSessions(db, 'd1'), 'alice', '');
    const moved = text.replaceAll('"s1"', '"s2"').replace('"rowId":"r3"', '"rowId":"zz"');
    const report = await importAnnotationFile(db, { ...dataset, contentHash: 'other' }, moved);
    expect(report.sessionsCreated).toBe(1);
    expect(report.added).toBe(2);
    expect(report.warnings.join(' ')).toMatch(/content differs/);
    expect(report.warnings.join(' ')).toMatch(/1 annotation\(s\) refer to items not in this dataset/);
    expect((await listSessions(db, 'd1')).map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('a broken line is reported with its number and field; the rest is imported', async () => {
    const text = await exportSessions(db, dataset, await listSessions(db, 'd1'), 'alice', '');
    const bad = text.trim().replace('"choice":"tie"', '"choice":"maybe"').replaceAll('"alice"', '"carol"');
    const report = await importAnnotationFile(db, dataset, bad);
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([[4, 'value.choice']]);
    expect(report.added).toBe(2);
  });
});
