// The model generator: protobuf wire format, determinism, and the estimated demo model's sanity.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProtoWriter } from '../../scripts/tiny-lm/onnx-proto';
import { VOCAB, byteIds, demoBigramTable, tinyBigramTable } from '../../scripts/tiny-lm/reference';
import { makeTinyModels } from '../../scripts/tiny-lm/write';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length))
    .sort();
}

describe('protobuf writer', () => {
  it('encodes varints and keys as the protobuf spec examples', () => {
    // protobuf encoding guide: 150 in field 1 → 08 96 01; 300 → ac 02.
    expect([...new ProtoWriter().int(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtoWriter().int(2, 300).finish()]).toEqual([0x10, 0xac, 0x02]);
    // Negative int64 is ten bytes of two's complement.
    expect(new ProtoWriter().int(1, -1).finish().length).toBe(11);
    expect([...new ProtoWriter().string(2, 'testing').finish()]).toEqual([
      0x12,
      0x07,
      ...new TextEncoder().encode('testing'),
    ]);
    expect([...new ProtoWriter().float(5, 1).finish()]).toEqual([0x2d, 0x00, 0x00, 0x80, 0x3f]);
  });
});

describe('generator', () => {
  it('writes the same bytes on every run, with every Hugging Face file', () => {
    const a = mkdtempSync(join(tmpdir(), 'tiny-lm-a-'));
    const b = mkdtempSync(join(tmpdir(), 'tiny-lm-b-'));
    dirs.push(a, b);
    makeTinyModels(a, false);
    makeTinyModels(b, false);
    const files = listFiles(a);
    expect(files).toEqual(listFiles(b));
    for (const model of ['tiny-bigram', 'tiny-attn', 'demo-bigram']) {
      for (const f of [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'generation_config.json',
        'onnx/model.onnx',
      ]) {
        expect(files).toContain(`/${model}/${f}`);
      }
    }
    for (const f of files) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
  });
  it('bigram tables are normalized distributions', () => {
    const corpus = readFileSync(
      join(import.meta.dirname, '../../scripts/tiny-lm/corpus/pride-and-prejudice-ch1.txt'),
      'utf8',
    );
    for (const table of [tinyBigramTable(), demoBigramTable(corpus)]) {
      for (const row of [0, 32, 101, 256]) {
        let z = 0;
        for (let j = 0; j < VOCAB; j++) z += Math.exp(table[row * VOCAB + j] ?? -Infinity);
        expect(z).toBeCloseTo(1, 12);
      }
    }
  });
  it('the demo bigram prefers English to the same letters shuffled', () => {
    const corpus = readFileSync(
      join(import.meta.dirname, '../../scripts/tiny-lm/corpus/pride-and-prejudice-ch1.txt'),
      'utf8',
    );
    const table = demoBigramTable(corpus);
    const ppl = (text: string) => {
      const ids = byteIds(text);
      let nll = 0;
      for (let t = 1; t < ids.length; t++) nll -= table[(ids[t - 1] ?? 0) * VOCAB + (ids[t] ?? 0)] ?? 0;
      return Math.exp(nll / (ids.length - 1));
    };
    const english =
      'Four score and seven years ago our fathers brought forth on this continent a new nation.';
    const shuffled =
      'uoF rcose dan evens reays oga rou shetraf ghtbuor tfroh no shit nentoncit a enw taonin.';
    expect(ppl(english)).toBeLessThan(30); // a uniform byte model would give 257
    expect(ppl(shuffled)).toBeGreaterThan(ppl(english) * 1.5);
  });
});
