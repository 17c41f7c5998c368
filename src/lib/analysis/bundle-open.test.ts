// Opening a bundle in the analysis handler: the worker's answer equals restore() and detectResults() run on the page
// (the demo bundle as gzip bytes, as plain JSON text, an LLM Comparator file through "Import a bundle…"), refusals
// keep restore()'s and detectResults()'s messages and say which stage refused, and the answer survives cloning.
import { readFileSync } from 'node:fs';
import { strFromU8, gunzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { restore } from '../report/bundle/restore';
import { detectResults } from '../report/interop/detect';
import { createAnalysisState, handleRequest } from './handler';
import type { BundleOutcome, BundleSource } from './protocol';

const demo = (): Uint8Array => new Uint8Array(readFileSync('static/demo/demo-project.json.gz'));

function open(source: BundleSource): BundleOutcome {
  const answer = handleRequest({ type: 'bundle-restore', id: 9, source }, createAnalysisState());
  if (answer.type !== 'bundle-restore') throw new Error(`unexpected ${answer.type}`);
  expect(structuredClone(answer)).toEqual(answer);
  return answer.outcome;
}

describe('bundle-restore in the analysis handler', () => {
  it('returns the bundle restore() accepts, from gzip bytes and from text', () => {
    const expected = restore(demo());
    if (!expected.ok) throw new Error(expected.error.message);
    expect(open({ kind: 'bundle', input: demo() })).toEqual({ ok: true, bundle: expected.value });
    const text = strFromU8(gunzipSync(demo()));
    expect(open({ kind: 'bundle', input: text })).toEqual({ ok: true, bundle: expected.value });
    expect(open({ kind: 'any', input: demo(), fileName: 'demo.json.gz', now: 0 })).toEqual({
      ok: true,
      bundle: expected.value,
    });
  });

  it("refuses a changed bundle with restore()'s checksum message", () => {
    const text = strFromU8(gunzipSync(demo())).replace('"name":"', '"name":"X');
    const page = restore(text);
    expect(page.ok).toBe(false);
    expect(open({ kind: 'bundle', input: text })).toEqual({
      ok: false,
      stage: 'restore',
      message: page.ok ? '' : page.error.message,
    });
    expect(page.ok ? '' : page.error.code).toBe('checksum');
  });

  it('imports an LLM Comparator file as a new project, and names an unrecognised file at the detect stage', () => {
    const file = {
      metadata: { source_path: 'x', custom_fields_schema: [] },
      models: [{ name: 'm1' }, { name: 'm2' }],
      examples: [
        {
          index: 0,
          input_text: 'q',
          tags: ['t'],
          output_text_a: 'a',
          output_text_b: 'b',
          score: 1,
          individual_rater_scores: [],
          rationale_list: [],
          custom_fields: {},
        },
      ],
    };
    const bytes = strToU8(JSON.stringify(file));
    const outcome = open({ kind: 'any', input: bytes, fileName: 'cmp.json', now: 5 });
    const detected = detectResults(bytes, 'cmp.json', 5);
    if (!outcome.ok || !detected.ok || detected.value.kind !== 'imported') throw new Error('not imported');
    expect(outcome.bundle.project.name).toBe(detected.value.records.project.name);
    expect(outcome.bundle.rows.map((r) => r.prompt)).toEqual(['q']);
    expect(outcome.bundle.generator).toBe('import from LLM Comparator');

    const junk = strToU8('hello, world');
    const d = detectResults(junk, 'x.txt');
    expect(open({ kind: 'any', input: junk, fileName: 'x.txt', now: 0 })).toEqual({
      ok: false,
      stage: 'detect',
      message: d.ok ? '' : d.error,
    });
  });
});
