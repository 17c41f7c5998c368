// Python's fixed-point float formatting (`f"{x:.{d}f}"`), which JavaScript's toFixed does not reproduce.
// Both round the exact binary value correctly, but on an exact decimal tie Python rounds half to even
// while toFixed picks the larger magnitude: f"{6.25:.1f}" == "6.2" but (6.25).toFixed(1) == "6.3"
// (CPython Python/dtoa.c, mode 3; METRICS-SPEC A.7).

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Little-endian is the only byte order JavaScript engines ship on, but check rather than assume.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The finite double `x` (x > 0) as odd mantissa `m` and exponent `e` with x = m * 2^e exactly. */
function decompose(x: number): { m: bigint; e: number } {
  F64[0] = x;
  const hi = U32[HI] ?? 0;
  const lo = U32[LO] ?? 0;
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  while (m > 0n && (m & 1n) === 0n) {
    m >>= 1n;
    e++;
  }
  return { m, e };
}

/**
 * `x` with exactly `digits` decimals, as Python's `format(x, f'.{digits}f')` writes it
 * (round half to even on exact ties of the binary value; '-0.00' for negative values that round to zero).
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  let body: string;
  if (ax === 0) {
    body = (0).toFixed(digits);
  } else if (ax >= 1e21) {
    // toFixed switches to exponent notation here; such values are integers, so print them exactly.
    const { m, e } = decompose(ax);
    const int = e >= 0 ? m << BigInt(e) : m >> BigInt(-e);
    body = digits > 0 ? `${int}.${'0'.repeat(digits)}` : `${int}`;
  } else {
    const { m, e } = decompose(ax);
    // x * 10^d = m * 5^d * 2^(e+d) with m * 5^d odd, so it lies exactly halfway between two integers
    // iff e + d == -1. Only then do Python and toFixed disagree.
    if (e + digits === -1) {
      const twice = m * 5n ** BigInt(digits); // = 2 * x * 10^d, an odd integer
      let q = twice >> 1n; // floor(x * 10^d)
      if ((q & 1n) === 1n) q += 1n; // the tie goes to the even neighbour
      const s = q.toString().padStart(digits + 1, '0');
      body = digits > 0 ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
    } else {
      body = ax.toFixed(digits);
    }
  }
  return negative ? `-${body}` : body;
}

/** Python `float(f"{x:.{digits}f}")`: the value sacreBLEU's JSON output prints for a score. */
export function roundedFloat(x: number, digits: number): number {
  return Number(formatFixed(x, digits));
}
