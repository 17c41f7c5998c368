// Bundle round trip and restore(): every refusal names its reason and nothing half-valid gets through.
import { describe, expect, it } from 'vitest';
import { gzipSync, strToU8 } from 'fflate';
import { bundleChecksum, bundleToGzip, bundleToJson, createBundle } from '../../src/lib/report/bundle/encode';
import { restore } from '../../src/lib/report/bundle/restore';
import { remapIds } from '../../src/lib/report/bundle/remap';
import { BUNDLE_VERSION, type ProjectBundle } from '../../src/lib/report/bundle/types';
import { fixtureRecords } from './report-fixture';

/** Element i of a list, failing the test when it is missing. */
function at<T>(list: T[] | undefined, i: number): T {
  const v = list?.[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

const reseal = (b: Record<string, unknown>) => ({
  ...b,
  checksum: bundleChecksum(b as unknown as ProjectBundle),
});

describe('bundle round trip', () => {
  it('gzip → restore gives back the same records', () => {
    const records = fixtureRecords();
    const bundle = createBundle(records, { now: 1 });
    const bytes = bundleToGzip(bundle);
    expect(bytes[0]).toBe(0x1f);
    const back = restore(bytes);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.rows).toEqual(records.rows);
    expect(back.value.judgments).toEqual(records.judgments);
    expect(back.value.project).toEqual(records.project);
  });
  it('also reads plain JSON text and parsed objects', () => {
    const bundle = createBundle(fixtureRecords(), { now: 1 });
    expect(restore(bundleToJson(bundle)).ok).toBe(true);
    expect(restore(JSON.parse(bundleToJson(bundle))).ok).toBe(true);
  });
});

describe('restore refuses', () => {
  const good = () =>
    JSON.parse(bundleToJson(createBundle(fixtureRecords(), { now: 1 }))) as Record<string, unknown>;

  it('a tampered number (checksum mismatch)', () => {
    const b = good();
    at(b['runs'] as { corpus: { score: number } }[], 0).corpus.score = 0.99;
    const r = restore(b);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('checksum');
  });
  it('a truncated gzip file', () => {
    const bytes = bundleToGzip(createBundle(fixtureRecords(), { now: 1 }));
    const r = restore(bytes.slice(0, bytes.length - 20));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('corrupt');
  });
  it('foreign files with a reason', () => {
    const cmp = restore(JSON.stringify({ metadata: { source_path: '' }, models: [], examples: [] }));
    expect(!cmp.ok && cmp.error.code).toBe('foreign');
    expect(!cmp.ok && cmp.error.message).toMatch(/LLM Comparator/);
    const csv = restore(gzipSync(strToU8('id,prompt\n1,hi\n')));
    expect(!csv.ok && csv.error.code).toBe('foreign');
    const arr = restore('[{"prompt":"x"}]');
    expect(!arr.ok && arr.error.message).toMatch(/JSON array/);
  });
  it('a file from a newer version', () => {
    const r = restore(reseal({ ...good(), formatVersion: BUNDLE_VERSION + 1 }));
    expect(!r.ok && r.error.code).toBe('too-new');
  });
  it('a bad record, naming table, index and field', () => {
    const b = good();
    at(b['rows'] as Record<string, unknown>[], 2)['references'] = 'Paris';
    const r = restore(reseal(b));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('rows[2].references: expected a list of strings');
  });
  it('a bad enum value', () => {
    const b = good();
    at(b['judgments'] as Record<string, unknown>[], 1)['verdict'] = 'C';
    const r = restore(reseal(b));
    expect(!r.ok && r.error.message).toBe('judgments[1].verdict: expected one of A, B, tie');
  });
  it('dangling references and wrong row counts', () => {
    const b = good();
    at(b['rowScores'] as Record<string, unknown>[], 0)['runId'] = 'nope';
    const r = restore(reseal(b));
    expect(!r.ok && r.error.code).toBe('inconsistent');
    expect(!r.ok && r.error.message).toMatch(/rowScores\[0\]\.runId "nope"/);
    const c = good();
    (c['rows'] as unknown[]).pop();
    const r2 = restore(reseal(c));
    expect(!r2.ok && r2.error.message).toMatch(/says 4 rows but the file holds 3/);
  });
});

describe('migration and ids', () => {
  it('upgrades schema v1 records (no description, no dataset updatedAt) like the database does', () => {
    const b = JSON.parse(bundleToJson(createBundle(fixtureRecords(), { now: 1 }))) as Record<string, unknown>;
    const project = b['project'] as Record<string, unknown>;
    delete project['description'];
    for (const d of b['datasets'] as Record<string, unknown>[]) delete d['updatedAt'];
    const r = restore(reseal({ ...b, schemaVersion: 1 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.project.description).toBe('');
    expect(r.value.datasets[0]?.updatedAt).toBe(r.value.datasets[0]?.createdAt);
    expect(r.value.schemaVersion).toBe(2);
  });
  it('remaps every id consistently (a copy next to the original)', () => {
    const rec = fixtureRecords();
    const copy = remapIds(rec, (old, kind) => `${kind}-${old}-copy`);
    expect(copy.project.id).toBe('project-p1-copy');
    expect(copy.rows.every((r) => r.datasetId === 'dataset-d1-copy')).toBe(true);
    expect(copy.rowScores[0]?.runId).toBe('run-run-em-ft-copy');
    expect(copy.judgments[0]?.runId).toBe('judgeRun-j1-copy');
    expect(copy.judgeRuns[0]?.rubricId).toBe('rubric-rb1-copy');
    expect(copy.annotations[0]?.sessionId).toBe('session-s1-copy');
    expect(restore(createBundle(copy)).ok).toBe(true);
  });
});

describe('secrets never travel', () => {
  it('drops credential-named fields and key-looking values from settings', () => {
    const rec = fixtureRecords();
    at(rec.judgeRuns, 0).params = {
      temperature: 0,
      apiKey: 'sk-abcdefghijklmnopqrstuvwx',
      headers: { Authorization: 'Bearer abcdefghijkl' },
      note: 'sk-abcdefghijklmnopqrstuvwx',
    };
    at(rec.rows, 0).metadata = { keywords: 'kept', api_key: 'x' };
    const text = bundleToJson(createBundle(rec));
    expect(text).not.toContain('sk-abc');
    expect(text).not.toContain('Bearer');
    expect(text).not.toContain('api_key');
    expect(text).toContain('"keywords":"kept"');
    expect(text).toContain('"cacheKey":"ck0"');
  });
});
