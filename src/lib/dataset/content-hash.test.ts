// The dataset content hash, pinned to its documented stream; the hasher underneath checked against a plain port of
// SMHasher's MurmurHash3_x86_128, itself checked against published vectors.
import { describe, expect, it } from 'vitest';
import type { Row } from '../core/types';
import { datasetContentHash, DatasetHasher } from './content-hash';
import { Murmur3Hasher } from './murmur3';

/** MurmurHash3_x86_128 of bytes, written straight from SMHasher's MurmurHash3.cpp (one shot, byte-wise tail). */
function referenceMurmur(bytes: Uint8Array, seed: number): string {
  const c = [0x239b961b, 0xab0e9789, 0x38b34ae5, 0xa1e38b93] as const;
  const rot = [15, 16, 17, 18] as const;
  const hRot = [19, 17, 15, 13] as const;
  const add = [0x561ccd1b, 0x0bcaa747, 0x96cd1c35, 0x32ac3b17] as const;
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  const mixK = (k: number, j: number) =>
    Math.imul(rotl(Math.imul(k, c[j] ?? 0), rot[j] ?? 0), c[(j + 1) % 4] ?? 0);
  const h = [seed | 0, seed | 0, seed | 0, seed | 0];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = Math.floor(bytes.length / 16);
  for (let b = 0; b < blocks; b++) {
    for (let j = 0; j < 4; j++) {
      h[j] = (h[j] ?? 0) ^ mixK(view.getInt32(b * 16 + j * 4, true), j);
      h[j] = (Math.imul((rotl(h[j] ?? 0, hRot[j] ?? 0) + (h[(j + 1) % 4] ?? 0)) | 0, 5) + (add[j] ?? 0)) | 0;
    }
  }
  const tail = bytes.subarray(blocks * 16);
  const k = [0, 0, 0, 0];
  tail.forEach((byte, i) => (k[i >> 2] = (k[i >> 2] ?? 0) ^ (byte << ((i & 3) * 8))));
  for (let j = 0; j * 4 < tail.length; j++) h[j] = (h[j] ?? 0) ^ mixK(k[j] ?? 0, j);
  const fmix = (x: number) => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return x ^ (x >>> 16);
  };
  const [a0, a1, a2, a3] = h.map((x) => x ^ bytes.length) as [number, number, number, number];
  let h1 = (a0 + a1 + a2 + a3) | 0;
  let [h2, h3, h4] = [(a1 + h1) | 0, (a2 + h1) | 0, (a3 + h1) | 0];
  [h1, h2, h3, h4] = [fmix(h1), fmix(h2), fmix(h3), fmix(h4)];
  h1 = (h1 + h2 + h3 + h4) | 0;
  [h2, h3, h4] = [(h2 + h1) | 0, (h3 + h1) | 0, (h4 + h1) | 0];
  return [h1, h2, h3, h4].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return out;
};
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
  it('the reference port matches the published MurmurHash3_x86_128 vectors', () => {
    // From github.com/PeterScott/murmur3 test.c (checked there against SMHasher's C code).
    expect(referenceMurmur(ascii('Hello, world!'), 123)).toBe('61c9129e5a1aacd7a41621629e37c886');
    expect(referenceMurmur(ascii('Hello, world!'), 321)).toBe('d5fbdcb3c26c4193045880c5a7170f0f');
    expect(referenceMurmur(ascii('xxxxxxxxxxxxxxxxxxxxxxxxxxxx'), 123)).toBe(
      '5e40bab278825a164cf929d31fec6047',
    );
    expect(referenceMurmur(ascii(''), 123)).toBe('fedc524526f3e79926f3e79926f3e799');
  });

  it('hashes the UTF-16LE bytes of its text, every tail length, lone surrogates included', () => {
    const texts = [
      '',
      'a',
      'Hello, world!',
      'é€😀\ud800x\udfff',
      ...Array.from({ length: 17 }, (_, n) => 'q'.repeat(n + 8)),
    ];
    for (const t of texts) expect(murmur(t, 42), JSON.stringify(t)).toBe(referenceMurmur(utf16le(t), 42));
  });

  it('is streaming: any split of the input gives the one-shot hash', () => {
    const text = `${'é€😀a\ud800'.repeat(2_000)}${'x'.repeat(7_001)}`;
    const whole = referenceMurmur(utf16le(text), 5);
    for (const size of [1, 3, 7, 8, 9, 997]) {
      const h = new Murmur3Hasher(5);
      for (let i = 0; i < text.length; i += size) h.update(text.slice(i, i + size));
      expect(h.digest(), `pieces of ${size}`).toBe(whole);
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
