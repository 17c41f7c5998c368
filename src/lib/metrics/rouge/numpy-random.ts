// Just enough of numpy's legacy RandomState to replay `np.random.seed(s); np.random.choice(N, size=N)` bit for
// bit: MT19937 (init_genrand) and randint's masked rejection sampling (numpy/random/src/distributions/
// distributions.c, buffered_bounded_masked_uint32), plus np.percentile's default 'linear' method.

/** MT19937 as seeded by numpy's legacy `RandomState.seed(int)` (Matsumoto & Nishimura's init_genrand). */
export class Mt19937 {
  readonly #mt = new Uint32Array(624);
  #index = 624;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError('Seed must be between 0 and 2**32 - 1');
    }
    const mt = this.#mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ?? 0;
      const x = (prev ^ (prev >>> 30)) >>> 0;
      // 1812433253 * x + i, mod 2^32, split in 16-bit halves to stay exact.
      mt[i] = (((((x & 0xffff0000) >>> 16) * 1812433253) << 16) + (x & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
  }

  #twist(): void {
    const mt = this.#mt;
    for (let i = 0; i < 624; i++) {
      const y = ((mt[i] ?? 0) & 0x80000000) | ((mt[(i + 1) % 624] ?? 0) & 0x7fffffff);
      let v = (mt[(i + 397) % 624] ?? 0) ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v >>> 0;
    }
    this.#index = 0;
  }

  /** genrand_int32: the next 32-bit output. */
  nextUint32(): number {
    if (this.#index >= 624) this.#twist();
    let y = this.#mt[this.#index++] ?? 0;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `randint(0, n)` for n <= 2^32 as legacy numpy draws it: mask to the next 2^k-1, reject values above n-1. */
  randBelow(n: number): number {
    const max = n - 1;
    if (max <= 0) return 0; // numpy consumes nothing when the range is a single value
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      const v = (this.nextUint32() & mask) >>> 0;
      if (v <= max) return v;
    }
  }
}

/** `np.percentile(values, q)` with the default linear method, including numpy's two-sided `_lerp`. */
export function numpyPercentile(sorted: Float64Array | readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const quantile = q / 100; // np.percentile divides q by 100 before np.quantile
  const virtual = (n - 1) * quantile;
  let prev = Math.floor(virtual);
  let next = prev + 1;
  if (virtual >= n - 1) {
    prev = n - 1;
    next = n - 1;
  } else if (virtual < 0) {
    prev = 0;
    next = 0;
  }
  // Out of range both neighbours are the same element, so gamma no longer matters.
  const gamma = prev === next ? 0 : virtual - prev;
  const a = sorted[prev] ?? NaN;
  const b = sorted[next] ?? NaN;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
