// BLEU tokenizers against sacreBLEU's outputs (bleu_cases.json tokenizer_cases), and the one-pass 13a/zh
// splitter against a literal port of sacreBLEU's four regex substitutions (tokenizer_re.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/lib/core/random';
import {
  BLEU_TOKENIZERS,
  isChineseChar,
  tokenizeLine,
  tokenizeWords,
  type BleuTokenizer,
} from '../../src/lib/metrics/bleu';
import { pyRstrip } from '../../src/lib/metrics/text/whitespace';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/reference/${name}`, import.meta.url), 'utf8'));
const { tokenizer_cases: tokenizerCases } = fixture('bleu_cases.json') as {
  tokenizer_cases: { input: string; output: Record<BleuTokenizer, string> }[];
};
const corpus = fixture('wmt17_en_de_corpus.json') as {
  reference: string[];
  systems: Record<string, string[]>;
};

// Python's whitespace class (METRICS-SPEC A.9), spelled out independently of src/lib/metrics/text.
const PY_WS =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const pyWsSplit = (s: string): string[] => s.split(new RegExp(`${PY_WS}+`, 'u')).filter((t) => t !== '');
const pyWsStrip = (s: string): string => s.replace(new RegExp(`^${PY_WS}+|${PY_WS}+$`, 'gu'), '');

/** tokenizer_re.TokenizerRegexp, substitution by substitution (no u flag: Python-style escapes). */
function regexpOracle(line: string): string {
  line = line.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  line = line.replace(/([^0-9])([.,])/g, '$1 $2 ');
  line = line.replace(/([.,])([^0-9])/g, ' $1 $2');
  line = line.replace(/([0-9])(-)/g, '$1 $2 ');
  return pyWsSplit(line).join(' ');
}

/** tokenizer_13a.Tokenizer13a, literally. */
function oracle13a(line: string): string {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    line = line.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return regexpOracle(` ${line} `);
}

/** tokenizer_zh.TokenizerZh, literally (code point by code point). */
function oracleZh(line: string): string {
  let out = '';
  for (const ch of pyWsStrip(line)) {
    out += isChineseChar(ch.codePointAt(0) ?? 0) && ch.length === 1 ? ` ${ch} ` : ch;
  }
  return regexpOracle(out);
}

describe('tokenizers reproduce sacreBLEU 2.6.0', () => {
  it('has the 20 tokenizer cases', () => expect(tokenizerCases).toHaveLength(20));
  for (const [i, c] of tokenizerCases.entries()) {
    it(`case ${i}: ${JSON.stringify(c.input).slice(0, 50)}`, () => {
      for (const tok of BLEU_TOKENIZERS) {
        expect(tokenizeLine(pyRstrip(c.input), tok), tok).toBe(c.output[tok]);
      }
    });
  }

  it('zh treats the mistyped astral ranges as sacreBLEU does', () => {
    expect(isChineseChar(0x2000)).toBe(false);
    expect(isChineseChar(0x2001)).toBe(true);
    expect(isChineseChar(0x2014)).toBe(true); // em dash
    expect(isChineseChar(0x2a6d)).toBe(true);
    expect(isChineseChar(0x2a6e)).toBe(false);
    expect(isChineseChar(0x20000)).toBe(false); // CJK Ext-B is not split
    expect(tokenizeLine('中文—测试', 'zh')).toBe('中 文 — 测 试');
  });
});

describe('the one-pass splitter equals the four regex passes', () => {
  const lines = [corpus.reference, ...Object.values(corpus.systems)].flat();

  it('on every WMT17 line (13a and zh)', () => {
    expect(lines.length).toBe(6 * 3004);
    for (const line of lines) {
      const l = pyRstrip(line);
      expect(tokenizeLine(l, '13a')).toBe(oracle13a(l));
      expect(tokenizeLine(l, 'zh')).toBe(oracleZh(l));
    }
  });

  it('on random strings over the characters the regexes care about', () => {
    const alphabet = [
      ...'aZ09.,-/()&;<>?!\'"`~_|{}[]^$#@+=*:%',
      ' ',
      '\t',
      '\n',
      '\x1c',
      '\x85',
      '\u00a0',
      '\u3000',
      'é',
      '中',
      '😀',
      '&amp;',
      '&quot;',
      '<skipped>',
      '-\n',
    ];
    const rand = mulberry32(20260101);
    for (let n = 0; n < 20000; n++) {
      let s = '';
      const len = 1 + Math.floor(rand() * 14);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)] ?? '';
      const l = pyRstrip(s);
      expect(tokenizeLine(l, '13a'), JSON.stringify(l)).toBe(oracle13a(l));
      expect(tokenizeLine(l, 'zh'), JSON.stringify(l)).toBe(oracleZh(l));
    }
  });

  it('tokenizeWords is the whitespace split of tokenizeLine for every tokenizer', () => {
    for (const line of lines.slice(0, 500)) {
      for (const tok of BLEU_TOKENIZERS) {
        expect(tokenizeWords(line, tok)).toEqual(pyWsSplit(tokenizeLine(line, tok)));
      }
    }
  });

  it('hand-worked 13a cases', () => {
    expect(tokenizeLine('In 2018.', '13a')).toBe('In 2018 .');
    expect(tokenizeLine('3.14 and 1,000', '13a')).toBe('3.14 and 1,000');
    expect(tokenizeLine('a.,5', '13a')).toBe('a . ,5');
    expect(tokenizeLine('well...', '13a')).toBe('well . . .');
    expect(tokenizeLine('1990-2000', '13a')).toBe('1990 - 2000');
    expect(tokenizeLine('e-mail', '13a')).toBe('e-mail');
    expect(tokenizeLine("don't", '13a')).toBe("don't");
    expect(tokenizeLine('AT&amp;T &lt;b&gt;', '13a')).toBe('AT & T < b >');
    expect(tokenizeLine('In 2018.', 'intl')).toBe('In 2018.');
  });
});
