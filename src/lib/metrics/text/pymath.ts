// exp and log rounded like CPython's math.exp / math.log on glibc, so scores agree to the last bit.
// V8's Math.exp / Math.log (fdlibm-derived) are off by one ulp on ~10% / ~3% of inputs, which is
// enough to flip a printed digit (exp(log(6.25)) is 6.250000000000001 in Python, 6.25 in V8, and
// prints as "6.3" vs "6.2" at one decimal). glibc's exp/log (since 2.28) are within 0.52 ulp, i.e.
// correctly rounded except within ~0.02 ulp of a midpoint, so we compute exp in double-double
// arithmetic (~2^-94 relative error) and round once: the correctly rounded result.
// Error-free transformations: Dekker (1971), Knuth TAOCP vol. 2 §4.2.2.

const SPLITTER = 134217729; // 2^27 + 1
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17; // ln 2 - LN2_HI
const SCALE_STEPS = 4; // reduce |r| <= ln2/2 by 2^4 before the Taylor series
const TAIL_TERMS = 13; // s^13/13! < 2^-120 for |s| <= 0.0217

// Double-double arithmetic: each operation returns the high part and leaves the low part in LO[0].
// (A typed array keeps the low part unboxed; module-level `let` doubles would allocate on every write.)
const LO = new Float64Array(1);
const lo = (): number => LO[0] ?? 0;

/** a + b = result + LO exactly (Knuth's two-sum). */
function twoSum(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  LO[0] = a - (s - bb) + (b - bb);
  return s;
}

/** a + b = result + LO exactly, given |a| >= |b|. */
function quickTwoSum(a: number, b: number): number {
  const s = a + b;
  LO[0] = b - (s - a);
  return s;
}

/** a * b = result + LO exactly (Dekker's product with Veltkamp splitting). */
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  LO[0] = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

/** (ah + al) + (bh + bl). */
function add(ah: number, al: number, bh: number, bl: number): number {
  const s1 = twoSum(ah, bh);
  const s2 = lo();
  const t1 = twoSum(al, bl);
  const t2 = lo();
  const u1 = quickTwoSum(s1, s2 + t1);
  return quickTwoSum(u1, lo() + t2);
}

/** (ah + al) * (bh + bl). */
function mul(ah: number, al: number, bh: number, bl: number): number {
  const p = twoProd(ah, bh);
  return quickTwoSum(p, lo() + (ah * bl + al * bh));
}

/** (ah + al) / d for a small integer d. */
function divInt(ah: number, al: number, d: number): number {
  const q = ah / d;
  const p = twoProd(q, d);
  const rem = ah - p - lo() + al;
  return quickTwoSum(q, rem / d);
}

// BLEU takes logs of n-gram precisions and exps of brevity ratios, ratios of small counts that recur from segment
// to segment: bounded memos of recent arguments skip most of the double-double work (they never change a result).
const MEMO_LIMIT = 1 << 14;

/** `fn` with a bounded memo of its recent arguments (cleared whole when full). */
function memoized(fn: (x: number) => number): (x: number) => number {
  let memo = new Map<number, number>();
  return (x) => {
    const known = memo.get(x);
    if (known !== undefined) return known;
    const y = fn(x);
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(x, y);
    return y;
  };
}

/** exp(x) = (result + LO) * 2^k, with k written to K[0]. Needs |x| < ~700. */
const K = new Float64Array(1);
function expParts(x: number): number {
  const k = Math.round(x / LN2_HI);
  K[0] = k;
  // r = x - k ln2, carried in double-double.
  let h = twoProd(k, LN2_HI);
  h = add(x, 0, -h, -lo());
  let l = lo();
  const ph = twoProd(-k, LN2_LO);
  h = add(h, l, ph, lo());
  const scale = 2 ** -SCALE_STEPS;
  const sh = h * scale;
  const sl = lo() * scale;
  // expm1(s) = s + s^2/2 + s^3/6 + s^4/24 in double-double, plus the tail s^5/120 (1 + s/6 + …),
  // which is below 2^-33 and so needs only double precision (|s| <= ln2/2 / 2^SCALE_STEPS).
  let tail = 0;
  for (let n = TAIL_TERMS; n >= 6; n--) tail = (tail + 1) * (sh / n);
  tail = ((tail + 1) * sh ** 5) / 120;
  const s2h = mul(sh, sl, sh, sl);
  const s2l = lo();
  const s3h = mul(s2h, s2l, sh, sl);
  const s3l = lo();
  const s4h = mul(s3h, s3l, sh, sl);
  const s4l = lo();
  h = divInt(s4h, s4l, 24);
  h = add(h, lo(), tail, 0);
  l = lo();
  const t3 = divInt(s3h, s3l, 6);
  h = add(h, l, t3, lo());
  l = lo();
  h = add(h, l, s2h * 0.5, s2l * 0.5);
  l = lo();
  h = add(h, l, sh, sl);
  // (1 + m)^2 = 1 + (2m + m^2), keeping the small part m separate for precision.
  for (let i = 0; i < SCALE_STEPS; i++) {
    const mh = h;
    const ml = lo();
    const sq = mul(mh, ml, mh, ml);
    h = add(2 * mh, 2 * ml, sq, lo());
  }
  l = lo();
  return add(1, 0, h, l);
}

function pyExpUncached(x: number): number {
  if (!(Math.abs(x) < 700)) return Math.exp(x); // NaN, ±Infinity, overflow, underflow to 0/subnormals
  const hi = expParts(x);
  return (hi + lo()) * 2 ** (K[0] ?? 0);
}

function pyLogUncached(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  const y0 = Math.log(x);
  if (!(Math.abs(y0) < 700)) return y0;
  // log x = y0 + log(x / exp(y0)) = y0 + log1p(d), with d tiny since y0 is within an ulp or two.
  const hi = expParts(y0);
  const scale = 2 ** (K[0] ?? 0);
  const eHi = hi * scale;
  const eLo = lo() * scale;
  const d = (x - eHi - eLo) / eHi;
  return y0 + (d - (d * d) / 2);
}

/** math.exp as CPython on glibc computes it (correctly rounded). */
export const pyExp = memoized(pyExpUncached);

/** math.log as CPython on glibc computes it (correctly rounded), for x > 0; Math.log otherwise. */
export const pyLog = memoized(pyLogUncached);
