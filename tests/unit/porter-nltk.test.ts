// nltk 3.8 PorterStemmer() (NLTK_EXTENSIONS) stems, from tests/fixtures/reference/porter_*.tsv (see PROVENANCE.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/lib/metrics/rouge';

function readTsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
}

describe('Porter stemmer = nltk NLTK_EXTENSIONS', () => {
  it('stems every word of the 78k vocabulary exactly as nltk', () => {
    const rows = readTsv('tests/fixtures/reference/porter_nltk_vocab.tsv');
    expect(rows.length).toBeGreaterThan(78_000);
    const wrong = rows.filter(([w, s]) => porterStem(w ?? '') !== s).map(([w, s]) => `${w}: ${s}`);
    expect(wrong).toEqual([]);
  });

  it('follows nltk (not Martin Porter, not npm stemmer) wherever the modes disagree', () => {
    const rows = readTsv('tests/fixtures/reference/porter_mode_differences.tsv');
    expect(rows.length).toBeGreaterThan(1_300);
    for (const [word, nltk, martin] of rows) {
      expect(porterStem(word ?? '')).toBe(nltk);
      if (nltk !== martin) expect(porterStem(word ?? '')).not.toBe(martin);
    }
  });

  it.each([
    // Hand-checked against the rules in METRICS-SPEC B.3.
    ['skies', 'sky'],
    ['dying', 'die'],
    ['dies', 'die'],
    ['died', 'die'],
    ['spied', 'spi'],
    ['aced', 'ace'],
    ['abbey', 'abbey'],
    ['enjoy', 'enjoy'],
    ['additionally', 'addit'],
    ['caresses', 'caress'],
    ['hopping', 'hop'],
    ['1990s', '1990'],
    ['2000ing', '2000ing'],
  ])('%s -> %s', (word, stem) => expect(porterStem(word)).toBe(stem));
});
