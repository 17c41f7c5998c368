// Hand-worked cases for exact match, SQuAD normalization and token F1, classification and multiple choice.
import { describe, expect, it } from 'vitest';
import {
  STRICT_MATCH,
  classificationReport,
  exactMatch,
  exactMatchSignature,
  extractChoice,
  multipleChoiceAccuracy,
  normalizeAnswer,
  resolveGoldChoice,
  squadNormalize,
  tokenF1,
  tokenF1One,
} from '../../src/lib/metrics/match';

describe('SQuAD normalize_answer', () => {
  it.each([
    // Behaviour of the official evaluate-v2.0.py normalize_answer, worked by hand.
    ['The Denver Broncos', 'denver broncos'],
    ['  an   apple, a PEAR and the plum.  ', 'apple pear and plum'],
    ['Theatre', 'theatre'],
    ['A-ha', 'aha'],
    ["Saint Bernadette Soubirous's", 'saint bernadette soubirouss'],
    ['the\tend\n', 'end'],
    ['éa', 'éa'], // Python's \b is Unicode-aware: the 'a' after 'é' is inside a word
    ['Über a', 'über'],
  ])('%j -> %j', (input, expected) => expect(squadNormalize(input)).toBe(expected));
});

describe('exact match (lm-eval options)', () => {
  const opts = { ...STRICT_MATCH };
  it('is strict by default', () => {
    expect(exactMatch('Paris', ['Paris'], opts)).toBe(1);
    expect(exactMatch('paris', ['Paris'], opts)).toBe(0);
    expect(exactMatch('Paris.', ['Paris'], opts)).toBe(0);
  });
  it('applies case, punctuation and number options', () => {
    expect(exactMatch('paris', ['Paris'], { ...opts, ignoreCase: true })).toBe(1);
    expect(exactMatch('Paris!', ['Paris'], { ...opts, ignorePunctuation: true })).toBe(1);
    expect(exactMatch('Route 66', ['Route '], { ...opts, ignoreNumbers: true })).toBe(1);
  });
  it('removes regexes first, in order', () => {
    const o = { ...opts, regexesToIgnore: ['^Answer:\\s*', '\\s+$'] };
    expect(normalizeAnswer('Answer: 42  ', o)).toBe('42');
    expect(exactMatch('Answer: 42  ', ['42'], o)).toBe(1);
    // lm-eval order: regexes before lowercasing, so a case-sensitive regex misses lowercase text.
    expect(normalizeAnswer('answer: 42', { ...o, ignoreCase: true })).toBe('answer: 42');
  });
  it('matches any of several references', () => {
    expect(exactMatch('the Broncos', ['Denver Broncos', 'Broncos'], { ...opts, squad: true })).toBe(1);
  });
  it('names a bad regex', () => {
    expect(() => exactMatch('x', ['x'], { ...opts, regexesToIgnore: ['('] })).toThrow(
      /Invalid regex to ignore "\("/,
    );
  });
  it('has a signature that changes with every option', () => {
    const a = exactMatchSignature(opts);
    expect(a).toBe('case:keep|punct:keep|num:keep|regex:none|squad:no|multi:any');
    expect(exactMatchSignature({ ...opts, ignoreCase: true })).not.toBe(a);
  });
});

describe('SQuAD token F1', () => {
  it('worked example: 2 shared of 3 predicted and 4 gold tokens', () => {
    // pred "the big red dog" -> [big, red, dog]; gold "a red dog barked loudly" -> [red, dog, barked, loudly]
    const s = tokenF1One('the big red dog', 'a red dog barked loudly');
    expect(s.precision).toBe(2 / 3);
    expect(s.recall).toBe(2 / 4);
    expect(s.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 15);
  });
  it('counts repeated tokens as a multiset', () => {
    expect(tokenF1One('dog dog dog', 'dog').precision).toBe(1 / 3);
  });
  it('empty answers follow SQuAD v2.0: both empty is 1, one empty is 0', () => {
    expect(tokenF1One('', 'the').f1).toBe(1); // "the" normalizes to nothing
    expect(tokenF1One('', 'x').f1).toBe(0);
  });
  it('takes the best reference', () => expect(tokenF1('red dog', ['cat', 'red dog']).f1).toBe(1));
});

describe('classification report', () => {
  it('matches a hand-worked confusion matrix and macro-F1', () => {
    const gold = ['cat', 'cat', 'cat', 'dog', 'dog', 'bird'];
    const pred = ['cat', 'cat', 'dog', 'dog', 'cat', 'dog'];
    const r = classificationReport(gold, pred);
    expect(r.labels).toEqual(['bird', 'cat', 'dog']);
    expect(r.matrix).toEqual([
      [0, 0, 1],
      [0, 2, 1],
      [0, 1, 1],
    ]);
    expect(r.accuracy).toBe(3 / 6);
    // F1: bird 0; cat 2·2/(3+3)=2/3; dog 2·1/(2+3)=2/5 -> macro (0 + 2/3 + 2/5) / 3
    expect(r.perClass.map((c) => c.f1)).toEqual([0, 4 / 6, 2 / 5]);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 2 / 5) / 3, 15);
  });
  it('can ignore case and surrounding whitespace', () => {
    expect(classificationReport(['Yes'], [' yes\n'], { ignoreCase: true }).accuracy).toBe(1);
    expect(classificationReport(['Yes'], ['yes']).accuracy).toBe(0);
  });
});

describe('multiple-choice extraction', () => {
  const choices = ['Paris', 'London', 'Paris, Texas', 'Rome'];
  it.each([
    ['Answer: B', 1, 'statement'],
    ['The answer is (C).', 2, 'statement'],
    ['I think A is tempting, but the correct answer is d', 3, 'statement'],
    ['B', 1, 'letter'],
    ['B.', 1, 'letter'],
    ['(B) London', 1, 'letter'],
    ['**D**', 3, 'letter'],
    ['It must be (A), the capital.', 0, 'letter'],
    ['London', 1, 'text'],
    ['It is Paris, Texas.', 2, 'text'],
    ['I would say rome.', 3, 'text'],
    ['A good guess would be Rome', 3, 'text'],
  ] as const)('%j -> %i by %s', (response, index, method) =>
    expect(extractChoice(response, choices)).toEqual({ index, method }),
  );
  it.each([['I do not know'], ['Answer: F'], ['Paris or London'], ['']])('%j -> no choice', (response) =>
    expect(extractChoice(response, choices)).toBeNull(),
  );
  it('does not read a leading word as a letter', () => {
    const ten = 'abcdefghij'.split('').map((c) => `option ${c}${c}`);
    expect(extractChoice('I think so', ten)).toBeNull();
    expect(extractChoice('I.', ten)).toEqual({ index: 8, method: 'letter' });
  });
  it('resolves gold labels given as index, letter, digits or text', () => {
    expect(resolveGoldChoice(2, choices)).toBe(2);
    expect(resolveGoldChoice('b', choices)).toBe(1);
    expect(resolveGoldChoice('3', choices)).toBe(3);
    expect(resolveGoldChoice('Rome', choices)).toBe(3);
    expect(resolveGoldChoice('Oslo', choices)).toBeNull();
  });
  it('reports accuracy with unextracted rows counted wrong and listed', () => {
    const r = multipleChoiceAccuracy([
      { response: 'Answer: A', choices, label: 0 },
      { response: 'no idea', choices, label: 1 },
      { response: 'Rome', choices, label: 'C' },
      { response: 'A', choices, label: undefined },
    ]);
    expect(r).toMatchObject({ n: 3, correct: 1, unextracted: [1], noGold: [3] });
    expect(r.accuracy).toBe(1 / 3);
  });
});
