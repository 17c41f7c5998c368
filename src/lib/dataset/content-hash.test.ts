// The dataset content hash: pinned to its documented stream and, through it, to published cyrb53 vectors.
import { describe, expect, it } from 'vitest';
import { contentHash } from '../core/hash';
import type { Row } from '../core/types';
import { datasetContentHash, DatasetHasher } from './content-hash';

/** cyrb53 (github.com/bryc/code, jshash/experimental/cyrb53.js) is the low 53 bits of the 64-bit digest. */
function cyrb53Of(hex: string): number {
  return (parseInt(hex.slice(0, 8), 16) & 0x1fffff) * 2 ** 32 + parseInt(hex.slice(8), 16);
}

const row = (over: Partial<Row>): Row => ({
  id: 'q1',
  idx: 0,
  prompt: 'Hi?',
  references: [],
  responses: {},
  tags: [],
  metadata: {},
  ...over,
});

describe('contentHash (the hasher underneath)', () => {
  it('matches the published cyrb53 examples', () => {
    expect(cyrb53Of(contentHash('a'))).toBe(7929297801672961);
    expect(cyrb53Of(contentHash('b'))).toBe(8684336938537663);
    expect(cyrb53Of(contentHash('revenge'))).toBe(4051478007546757);
    expect(cyrb53Of(contentHash('revenue'))).toBe(8309097637345594);
  });
});

describe('datasetContentHash', () => {
  it('hashes the documented length-prefixed stream (hand-written here)', () => {
    const a = row({
      references: ['ab', 'c'],
      responses: { tuned: 'yo', base: '' },
      choices: ['x', 'yz'],
      label: 1,
    });
    const b = row({ id: 'q2', idx: 1, prompt: 'Ünï', label: 'pos' });
    const stream = 'R2:q13:Hi?2[2:ab1:c2{4:base0:5:tuned2:yo2[1:x2:yzn1:1' + 'R2:q23:Ünï0[0{-s3:pos' + '#2';
    expect(datasetContentHash([a, b])).toBe(contentHash(stream));
    expect(datasetContentHash([])).toBe(contentHash('#0'));
  });

  it('is incremental: the same as hashing all at once', () => {
    const rows = [row({ responses: { s1: 'x' } }), row({ id: 'q2', idx: 1 })];
    const h = new DatasetHasher();
    for (const r of rows) h.add(r);
    expect(h.digest()).toBe(datasetContentHash(rows));
    expect(h.digest()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps field boundaries and kinds apart', () => {
    const differ = (x: Partial<Row>, y: Partial<Row>) =>
      expect(datasetContentHash([row(x)])).not.toBe(datasetContentHash([row(y)]));
    differ({ references: ['ab', 'c'] }, { references: ['a', 'bc'] });
    differ({ references: ['a'] }, { references: [], choices: ['a'] });
    differ({ responses: { a: 'xy', b: '' } }, { responses: { a: 'x', b: 'y' } });
    differ({ responses: { a: 'x' } }, { responses: { b: 'x' } });
    differ({ id: 'q1', prompt: 'x' }, { id: 'q1x', prompt: '' });
    differ({ label: 1 }, { label: '1' });
    differ({}, { label: '' });
    differ({}, { choices: [] });
  });
});
