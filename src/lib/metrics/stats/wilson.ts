// Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3) and the normal quantile
// it needs (Wichura 1988, algorithm AS 241 PPND16, accurate to about 1e-16).
import type { Interval } from '../../core/types';

// AS 241 rational approximations, coefficients from the highest power down (as published, rounded to
// the nearest double).
const A = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
  1971.5909503065513, 133.14166789178438, 3.3871328727963665,
];
const B = [
  5226.495278852546, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
  687.1870074920579, 42.31333070160091, 1.0,
];
const C = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
  5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const D = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
  1.6763848301838038, 2.053191626637759, 1.0,
];
const E = [
  2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124,
  0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const F = [
  2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133,
  0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1.0,
];

/** Horner evaluation of a polynomial given from its highest coefficient down. */
function poly(coeffs: readonly number[], x: number): number {
  let acc = 0;
  for (const c of coeffs) acc = acc * x + c;
  return acc;
}

/** Φ⁻¹(p): the standard normal quantile, for 0 < p < 1 (AS 241). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x = r <= 5 ? poly(C, (r -= 1.6)) / poly(D, r) : poly(E, (r -= 5)) / poly(F, r);
  return q < 0 ? -x : x;
}

/** Two-sided z for a confidence level: Φ⁻¹(1 − (1 − level)/2), 1.959963984540054 at 0.95. */
export function zForLevel(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * Wilson score interval for k successes in n trials at the given level:
 * (p̂ + z²/2n ± z·sqrt(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Null when n = 0.
 */
export function wilsonInterval(k: number, n: number, level = 0.95): Interval | null {
  if (!(n > 0)) return null;
  if (!(k >= 0 && k <= n)) throw new RangeError(`Wilson interval needs 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const z = zForLevel(level);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 (k = n) the closed form gives exactly 0 (1); rounding would leave a stray 1e-18 there.
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return { low, high, level, method: 'wilson' };
}
