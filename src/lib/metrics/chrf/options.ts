// chrF / chrF++ options and sacreBLEU 2.6.0 defaults: CHRF(char_order=6, word_order=0, beta=2,
// lowercase=False, whitespace=False, eps_smoothing=False) (sacrebleu/metrics/chrf.py).

/** Options of sacreBLEU's CHRF(...). word_order 2 is chrF++. */
export interface ChrfOptions {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  /** Keep whitespace inside character n-grams. */
  whitespace: boolean;
  /** chrF++.py-style eps smoothing; false: sacreBLEU's effective-order averaging (the default). */
  epsSmoothing: boolean;
}

/** sacreBLEU's defaults (chrF2). */
export const CHRF_DEFAULTS: Readonly<ChrfOptions> = {
  charOrder: 6,
  wordOrder: 0,
  beta: 2,
  lowercase: false,
  whitespace: false,
  epsSmoothing: false,
};

/** Fills in defaults and checks ranges. */
export function resolveChrfOptions(opts?: Partial<ChrfOptions>): ChrfOptions {
  const o: ChrfOptions = {
    charOrder: opts?.charOrder ?? CHRF_DEFAULTS.charOrder,
    wordOrder: opts?.wordOrder ?? CHRF_DEFAULTS.wordOrder,
    beta: opts?.beta ?? CHRF_DEFAULTS.beta,
    lowercase: opts?.lowercase ?? CHRF_DEFAULTS.lowercase,
    whitespace: opts?.whitespace ?? CHRF_DEFAULTS.whitespace,
    epsSmoothing: opts?.epsSmoothing ?? CHRF_DEFAULTS.epsSmoothing,
  };
  for (const [name, v] of [
    ['character order', o.charOrder],
    ['word order', o.wordOrder],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`chrF ${name} must be an integer ≥ 0, got ${v}`);
  }
  if (o.charOrder + o.wordOrder === 0) throw new RangeError('chrF needs a character or word order above 0');
  if (!Number.isFinite(o.beta) || o.beta < 0) throw new RangeError(`chrF beta must be ≥ 0, got ${o.beta}`);
  return o;
}
