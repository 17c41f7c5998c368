// Share links, redaction and result exports.
import { describe, expect, it } from 'vitest';
import {
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  toBase64Url,
} from '../../src/lib/report/share';
import { redactRecords } from '../../src/lib/report/redact';
import { csvField, resultRows, toCsv, toJsonl } from '../../src/lib/report/exports';
import { buildReportData } from '../../src/lib/report/model';
import { createBundle, bundleToJson } from '../../src/lib/report/bundle/encode';
import { restore } from '../../src/lib/report/bundle/restore';
import { isSecretName } from '../../src/lib/report/scrub';
import { fixtureRecords } from './report-fixture';

describe('base64url (RFC 4648 §5 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('%s ↔ %s', (plain, encoded) => {
    const bytes = new TextEncoder().encode(plain);
    expect(toBase64Url(bytes)).toBe(encoded);
    expect(new TextDecoder().decode(fromBase64Url(encoded) ?? new Uint8Array([0]))).toBe(plain);
  });
  it('uses - and _ instead of + and /', () => {
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64Url('a+b')).toBeNull();
  });
});

describe('share fragment', () => {
  it('round-trips a bundle through the link and restore()', () => {
    const json = bundleToJson(createBundle(fixtureRecords(), { now: 1 }));
    const hash = encodeShareFragment(json);
    expect(hash.startsWith('#share=')).toBe(true);
    expect(hash.length).toBeLessThan(json.length);
    const back = decodeShareFragment(hash);
    expect(back).toEqual({ ok: true, value: json });
    expect(restore(back.ok ? back.value : '').ok).toBe(true);
  });
  it('says a cut-off link is damaged', () => {
    const hash = encodeShareFragment('{"a":1}'.repeat(50));
    const r = decodeShareFragment(hash.slice(0, hash.length - 10));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/damaged/);
  });
});

describe('redaction', () => {
  it('blanks text but keeps every score, and the result still restores', () => {
    const rec = redactRecords(fixtureRecords(), {
      prompts: true,
      responses: true,
      references: false,
      judgeText: true,
      comments: true,
      fields: ['category'],
    });
    expect(rec.rows.every((r) => r.prompt === '' && Object.values(r.responses).every((x) => x === ''))).toBe(
      true,
    );
    expect(rec.rows[1]?.references).toEqual(['4']);
    expect(rec.rows.every((r) => !('category' in r.metadata))).toBe(true);
    expect(rec.judgments.every((j) => j.raw === undefined && j.verdict !== undefined)).toBe(true);
    expect(rec.rowScores).toEqual(fixtureRecords().rowScores);
    expect(restore(createBundle(rec)).ok).toBe(true);
  });
});

describe('exports', () => {
  it('quotes CSV fields per RFC 4180 and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-0.5')).toBe('-0.5');
    expect(csvField(null)).toBe('');
    expect(csvField(0.25)).toBe('0.25');
  });
  it('writes one line per row with responses, scores and pairwise outcomes', () => {
    const d = buildReportData(fixtureRecords());
    if (!d) throw new Error('no data');
    const { columns, rows } = resultRows(d);
    expect(columns).toContain('exact_match:finetuned');
    expect(columns).toContain('human:base_vs_finetuned');
    expect(rows[0]?.['exact_match:finetuned']).toBe(1);
    // Human row 0: finetuned won → base's pooled score 0.
    expect(rows[0]?.['human:base_vs_finetuned']).toBe(0);
    const csv = toCsv(columns, rows);
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
    const jsonl = toJsonl(rows);
    expect(JSON.parse(jsonl.split('\n')[2] ?? '')).toMatchObject({
      row_id: 'r2',
      'response:finetuned': '```print(1)```',
    });
  });
  it('recognises credential field names but not look-alikes', () => {
    expect(
      ['apiKey', 'api_key', 'x-api-key', 'Authorization', 'access_token', 'client_secret'].every(
        isSecretName,
      ),
    ).toBe(true);
    expect(['cacheKey', 'keywords', 'promptTokens', 'monkey'].some(isSecretName)).toBe(false);
  });
});
