// Scratch buffers must never change a result: growing an IntBuffer keeps what it holds, and BLEU and chrF
// extractors started from any buffer sizes (down to one entry, so that every pass grows them mid-segment) give
// the same statistics as the default sizes, whatever came before them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../src/lib/core/random';
import { BleuExtractor, SENTENCE_BLEU_DEFAULTS, type BleuOptions } from '../../src/lib/metrics/bleu';
import { ChrfExtractor, resolveChrfOptions } from '../../src/lib/metrics/chrf';
import { IntBuffer, type ScratchSizes } from '../../src/lib/metrics/text/interner';

const corpus = JSON.parse(
  readFileSync(new URL('../fixtures/reference/wmt17_en_de_corpus.json', import.meta.url), 'utf8'),
) as { reference: string[]; systems: Record<string, string[]> };

const rand = mulberry32(4099);
const ALPHABET = ['a', 'b', 'c', ' ', ' ', 'é', '.', ',', '-', 'Ü', '日', '😀', '\t'];

/** A random sentence of up to `max` characters from a small alphabet (many repeated n-grams). */
function sentence(max: number): string {
  let s = '';
  const n = randomInt(rand, max + 1);
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(rand, ALPHABET.length)];
  return s;
}

/** Pairs to score: random strings of every length scale, and WMT17 pairs (the longest included). */
function pairs(): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (let i = 0; i < 150; i++) {
    const max = [3, 30, 300, 3000][i % 4] ?? 30;
    out.push([sentence(max), [sentence(max), ...(i % 3 === 0 ? [sentence(max)] : [])]]);
  }
  const names = Object.keys(corpus.systems);
  for (let i = 0; i < 150; i++) {
    const index = randomInt(rand, corpus.reference.length);
    const hyp = corpus.systems[names[i % names.length] ?? '']?.[index] ?? '';
    out.push([hyp, [corpus.reference[index] ?? '']]);
  }
  const longest = corpus.reference.reduce((a, b) => (b.length > a.length ? b : a));
  out.push([longest, [longest]], [longest + ' ' + longest, [longest]]);
  return out;
}

const randomSizes = (): ScratchSizes => ({
  grams: 1 + randomInt(rand, 40),
  units: 1 + randomInt(rand, 40),
  interner: 1 + randomInt(rand, 40),
});

describe('IntBuffer', () => {
  it('keeps every entry already written when it grows, from any start size', () => {
    for (let trial = 0; trial < 200; trial++) {
      const buf = new IntBuffer(randomInt(rand, 8));
      const written: number[] = [];
      for (let step = 0; step < 30; step++) {
        const need = written.length + 1 + randomInt(rand, 50);
        const data = buf.ensure(need);
        expect(data.length).toBeGreaterThanOrEqual(need);
        expect(Array.from(data.subarray(0, written.length))).toEqual(written);
        while (written.length < need) {
          const v = randomInt(rand, 1 << 30) - (1 << 29);
          data[written.length] = v;
          written.push(v);
        }
      }
    }
  });
});

describe('extractors started from random scratch sizes', () => {
  const cases = pairs();

  it('give the same chrF and chrF++ statistics as the default sizes', () => {
    for (const wordOrder of [0, 2]) {
      const o = resolveChrfOptions({ wordOrder });
      const reference = new ChrfExtractor();
      const want = cases.map(([hyp, refs]) => reference.segment(hyp, refs, o));
      for (let trial = 0; trial < 6; trial++) {
        const sizes = randomSizes();
        const ex = new ChrfExtractor(sizes);
        cases.forEach(([hyp, refs], i) => {
          expect(ex.segment(hyp, refs, o), `${JSON.stringify(sizes)} pair ${i}`).toEqual(want[i]);
        });
      }
    }
  });

  it('give the same BLEU statistics as the default sizes', () => {
    const variants: BleuOptions[] = [
      { ...SENTENCE_BLEU_DEFAULTS },
      { ...SENTENCE_BLEU_DEFAULTS, tokenize: 'char', lowercase: true },
    ];
    for (const o of variants) {
      const reference = new BleuExtractor();
      const want = cases.map(([hyp, refs]) => reference.segment(hyp, refs, o));
      for (let trial = 0; trial < 6; trial++) {
        const sizes = randomSizes();
        const ex = new BleuExtractor(sizes);
        cases.forEach(([hyp, refs], i) => {
          expect(ex.segment(hyp, refs, o), `${JSON.stringify(sizes)} pair ${i}`).toEqual(want[i]);
        });
      }
    }
  });
});
