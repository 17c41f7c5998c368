// The dataset content hash: pinned to its documented stream and, through it, to published MurmurHash3 vectors.
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { datasetContentHash, DatasetHasher } from './content-hash';
import { Murmur3Hasher } from './murmur3';

const murmur = (text: string, seed = 0): string => new Murmur3Hasher(seed).update(text).digest();

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

describe('Murmur3Hasher (the hasher underneath)', () => {
  // MurmurHash3_x86_128 vectors from github.com/PeterScott/murmur3 test.c (checked against SMHasher's C code).
  it('matches the published MurmurHash3_x86_128 vectors', () => {
    expect(murmur('Hello, world!', 123)).toBe('61c9129e5a1aacd7a41621629e37c886');
    expect(murmur('Hello, world!', 321)).toBe('d5fbdcb3c26c4193045880c5a7170f0f');
    expect(murmur('xxxxxxxxxxxxxxxxxxxxxxxxxxxx', 123)).toBe('5e40bab278825a164cf929d31fec6047');
    expect(murmur('', 123)).toBe('fedc524526f3e79926f3e79926f3e799');
  });

  it('is streaming: any split of the input, across its 64 KiB buffer, gives the one-shot hash', () => {
    // Multi-byte characters at every offset, more than one buffer's worth, pieces of odd sizes.
    const text = `${'é€😀a'.repeat(20_000)}${'x'.repeat(70_000)}`;
    for (const size of [1, 7, 997, 65_537]) {
      const h = new Murmur3Hasher(5);
      for (let i = 0; i < text.length;) {
        // Never cut a surrogate pair: the hasher sees text, and half a pair is not text.
        let end = Math.min(text.length, i + size);
        const last = text.charCodeAt(end - 1);
        if (last >= 0xd800 && last <= 0xdbff && end < text.length) end++;
        h.update(text.slice(i, end));
        i = end;
      }
      expect(h.digest()).toBe(murmur(text, 5));
    }
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
    expect(datasetContentHash([a, b])).toBe(murmur(stream).slice(0, 16));
    expect(datasetContentHash([])).toBe(murmur('#0').slice(0, 16));
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
