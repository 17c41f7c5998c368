// Seeded pseudo-random numbers, so every bootstrap, sample and side assignment can be reproduced from its seed.

/** mulberry32: a small, fast 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rand, i + 1);
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

/** A seeded sample of k distinct items (all of them when k >= length), in their original order. */
export function sample<T>(items: readonly T[], k: number, seed: number): T[] {
  if (k >= items.length) return items.slice();
  const idx = shuffled(
    items.map((_, i) => i),
    mulberry32(seed),
  )
    .slice(0, k)
    .sort((a, b) => a - b);
  return idx.map((i) => items[i] as T);
}
