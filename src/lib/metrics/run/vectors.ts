// Sums and means of per-row statistics vectors over a subset (or resample) of rows.
import type { RowValue } from './types';

/** Element-wise sum of the `stat` vectors at `idx`. */
export function sumStatsAt(values: readonly RowValue[], idx: ArrayLike<number>, width: number): number[] {
  const out = new Array<number>(width).fill(0);
  for (let k = 0; k < idx.length; k++) {
    const stat = values[idx[k] ?? 0]?.stat ?? [];
    for (let j = 0; j < width; j++) out[j] = (out[j] ?? 0) + (stat[j] ?? 0);
  }
  return out;
}

/** Mean of each `stat` column at `idx` (NaN when empty). */
export function meanStatsAt(values: readonly RowValue[], idx: ArrayLike<number>, width: number): number[] {
  return sumStatsAt(values, idx, width).map((s) => s / idx.length);
}

/** Every index of `values`: the full corpus. */
export function allIndices(n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}
