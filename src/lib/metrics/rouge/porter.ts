// Port of nltk.stem.porter.PorterStemmer in its default NLTK_EXTENSIONS mode (nltk 3.8, identical to git HEAD
// f2a92bd), which is what rouge-score 0.1.2 uses. Every npm Porter package implements MARTIN_EXTENSIONS instead
// and disagrees on ~1.5% of words (METRICS-SPEC B.3). Input is assumed lowercase, as rouge-score guarantees.

type Condition = ((stem: string) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

/** nltk's irregular pool (NLTK_EXTENSIONS only): these words bypass the algorithm. */
const POOL: ReadonlyMap<string, string> = new Map([
  ['sky', 'sky'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['news', 'news'],
  ['innings', 'inning'],
  ['inning', 'inning'],
  ['outings', 'outing'],
  ['outing', 'outing'],
  ['cannings', 'canning'],
  ['canning', 'canning'],
  ['howe', 'howe'],
  ['proceed', 'proceed'],
  ['exceed', 'exceed'],
  ['succeed', 'succeed'],
]);

function isVowel(ch: string): boolean {
  return ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u';
}

/** nltk `_is_consonant`: 'y' is a consonant at the start or after a vowel; digits count as consonants. */
function isConsonant(word: string, i: number): boolean {
  const ch = word[i] ?? '';
  if (isVowel(ch)) return false;
  if (ch === 'y') return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** nltk `_measure`: the number of "vc" transitions, Porter's m in [C](VC){m}[V]. */
function measure(stem: string): number {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const cons = isConsonant(stem, i);
    if (cons && prevVowel) m++;
    prevVowel = !cons;
  }
  return m;
}

const positiveMeasure = (stem: string): boolean => measure(stem) > 0;
const measureGt1 = (stem: string): boolean => measure(stem) > 1;

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** Porter's *o, plus nltk's extension: a 2-letter vowel+consonant stem also counts. */
function endsCvc(word: string): boolean {
  const n = word.length;
  const last = word[n - 1];
  return (
    (n >= 3 &&
      isConsonant(word, n - 3) &&
      !isConsonant(word, n - 2) &&
      isConsonant(word, n - 1) &&
      last !== 'w' &&
      last !== 'x' &&
      last !== 'y') ||
    (n === 2 && !isConsonant(word, 0) && isConsonant(word, 1))
  );
}

/** nltk `_apply_rule_list`: the first rule whose suffix matches decides, even when its condition fails. */
function applyRuleList(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d' && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = suffix === '' ? word : word.slice(0, -suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const STEP1A: readonly Rule[] = [
  ['sses', 'ss', null],
  ['ies', 'i', null],
  ['ss', 'ss', null],
  ['s', '', null],
];

function step1a(word: string): string {
  // NLTK: 'flies' -> 'fli' but 'dies' -> 'die'.
  if (word.endsWith('ies') && word.length === 4) return word.slice(0, -3) + 'ie';
  return applyRuleList(word, STEP1A);
}

function step1b(word: string): string {
  // NLTK: 'spied' -> 'spi' but 'died' -> 'die'.
  if (word.endsWith('ied')) return word.slice(0, -3) + (word.length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  let inter: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, -suffix.length);
      if (containsVowel(candidate)) {
        inter = candidate;
        break;
      }
    }
  }
  if (inter === null) return word;
  const last = inter[inter.length - 1] ?? '';
  return applyRuleList(inter, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => last !== 'l' && last !== 's' && last !== 'z'],
    ['', 'e', (stem) => measure(stem) === 1 && endsCvc(stem)],
  ]);
}

function step1c(word: string): string {
  // NLTK: y -> i only after a consonant, and only when the stem is longer than one letter.
  return applyRuleList(word, [['y', 'i', (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)]]);
}

const STEP2_BASE: readonly Rule[] = [
  ['ational', 'ate', positiveMeasure],
  ['tional', 'tion', positiveMeasure],
  ['enci', 'ence', positiveMeasure],
  ['anci', 'ance', positiveMeasure],
  ['izer', 'ize', positiveMeasure],
  ['bli', 'ble', positiveMeasure],
  ['alli', 'al', positiveMeasure],
  ['entli', 'ent', positiveMeasure],
  ['eli', 'e', positiveMeasure],
  ['ousli', 'ous', positiveMeasure],
  ['ization', 'ize', positiveMeasure],
  ['ation', 'ate', positiveMeasure],
  ['ator', 'ate', positiveMeasure],
  ['alism', 'al', positiveMeasure],
  ['iveness', 'ive', positiveMeasure],
  ['fulness', 'ful', positiveMeasure],
  ['ousness', 'ous', positiveMeasure],
  ['aliti', 'al', positiveMeasure],
  ['iviti', 'ive', positiveMeasure],
  ['biliti', 'ble', positiveMeasure],
  ['fulli', 'ful', positiveMeasure],
];

function step2(word: string): string {
  // NLTK applies ALLI -> AL first and re-runs step 2 on the result ('additionally' -> 'addit').
  if (word.endsWith('alli') && positiveMeasure(word.slice(0, -4))) return step2(word.slice(0, -4) + 'al');
  // NLTK's 'logi' -> 'log' measures the stem including the 'l' (word[:-3]), so 'geologi' works like 'philologi'.
  return applyRuleList(word, [...STEP2_BASE, ['logi', 'log', () => positiveMeasure(word.slice(0, -3))]]);
}

const STEP3: readonly Rule[] = [
  ['icate', 'ic', positiveMeasure],
  ['ative', '', positiveMeasure],
  ['alize', 'al', positiveMeasure],
  ['iciti', 'ic', positiveMeasure],
  ['ical', 'ic', positiveMeasure],
  ['ful', '', positiveMeasure],
  ['ness', '', positiveMeasure],
];

const STEP4: readonly Rule[] = [
  ['al', '', measureGt1],
  ['ance', '', measureGt1],
  ['ence', '', measureGt1],
  ['er', '', measureGt1],
  ['ic', '', measureGt1],
  ['able', '', measureGt1],
  ['ible', '', measureGt1],
  ['ant', '', measureGt1],
  ['ement', '', measureGt1],
  ['ment', '', measureGt1],
  ['ent', '', measureGt1],
  ['ion', '', (stem) => measure(stem) > 1 && (stem.endsWith('s') || stem.endsWith('t'))],
  ['ou', '', measureGt1],
  ['ism', '', measureGt1],
  ['ate', '', measureGt1],
  ['iti', '', measureGt1],
  ['ous', '', measureGt1],
  ['ive', '', measureGt1],
  ['ize', '', measureGt1],
];

function step5a(word: string): string {
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1) return stem;
    if (m === 1 && !endsCvc(stem)) return stem;
  }
  return word;
}

function step5b(word: string): string {
  return applyRuleList(word, [['ll', 'l', () => measure(word.slice(0, -1)) > 1]]);
}

/** Stems one lowercase word exactly as nltk's `PorterStemmer().stem(word)` (NLTK_EXTENSIONS) does. */
export function porterStem(word: string): string {
  const pooled = POOL.get(word);
  if (pooled !== undefined) return pooled;
  if (word.length <= 2) return word;
  let stem = step1a(word);
  stem = step1b(stem);
  stem = step1c(stem);
  stem = step2(stem);
  stem = applyRuleList(stem, STEP3);
  stem = applyRuleList(stem, STEP4);
  stem = step5a(stem);
  return step5b(stem);
}
