// Equal-width binning shared by every series of a histogram, so bars line up and counts compare.

/** Bins: edges has length k+1; counts[s][b] counts series s in [edges[b], edges[b+1]) (last bin closed). */
export interface Binned {
  edges: number[];
  counts: number[][];
}

/** Sturges' rule k = ceil(log2 n) + 1, clamped to [5, 30]. */
export function sturgesBins(n: number): number {
  if (n <= 1) return 5;
  return Math.max(5, Math.min(30, Math.ceil(Math.log2(n)) + 1));
}

/**
 * Bins each series on the same edges. Non-finite values are skipped; values outside `range` are clamped
 * into the end bins so nothing silently disappears. A constant sample gets one unit-wide bin around it.
 */
export function binSeries(
  series: readonly (readonly number[])[],
  bins?: number,
  range?: [number, number],
): Binned {
  const finite = series.map((s) => s.filter((v) => Number.isFinite(v)));
  let lo = range?.[0] ?? Infinity;
  let hi = range?.[1] ?? -Infinity;
  if (!range) {
    for (const s of finite)
      for (const v of s) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { edges: [], counts: finite.map(() => []) };
  const k = bins ?? sturgesBins(Math.max(0, ...finite.map((s) => s.length)));
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / k;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + i * width));
  const counts = finite.map((s) => {
    const c = new Array<number>(k).fill(0);
    for (const v of s) {
      const b = Math.min(k - 1, Math.max(0, Math.floor((v - lo) / width)));
      c[b] = (c[b] ?? 0) + 1;
    }
    return c;
  });
  return { edges, counts };
}

/** "[a, b)" labels for bins, the last one closed "[a, b]". */
export function binLabels(edges: readonly number[], digits: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const close = i + 2 === edges.length ? ']' : ')';
    out.push(`[${fmt(edges[i] ?? 0, digits)}, ${fmt(edges[i + 1] ?? 0, digits)}${close}`);
  }
  return out;
}

function fmt(v: number, digits: number): string {
  return Number(v.toFixed(digits)).toString();
}
