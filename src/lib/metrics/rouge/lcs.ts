// Longest common subsequence pieces of rouge-score 0.1.2 (rouge/rouge_scorer.py: _lcs_table, _backtrack_norec,
// _summary_level_lcs), over interned token ids.

/** LCS length of two id sequences (the last cell of `_lcs_table`), in O(min) memory. */
export function lcsLength(a: readonly number[], b: readonly number[]): number {
  const n = b.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    for (let j = 1; j <= n; j++) {
      if (ai === b[j - 1]) cur[j] = (prev[j - 1] ?? 0) + 1;
      else {
        const up = prev[j] ?? 0;
        const left = cur[j - 1] ?? 0;
        cur[j] = up > left ? up : left;
      }
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] ?? 0;
}

/**
 * Indices into `ref` of the LCS that rouge-score's `_backtrack_norec` picks: from the bottom-right, take the
 * diagonal when tokens match, go left only when strictly greater, otherwise up. Another LCS of the same length
 * would change ROUGE-Lsum's union (METRICS-SPEC B.5).
 */
export function lcsIndices(ref: readonly number[], can: readonly number[]): number[] {
  const rows = ref.length;
  const cols = can.length;
  const w = cols + 1;
  const t = new Int32Array((rows + 1) * w);
  for (let i = 1; i <= rows; i++) {
    const ri = ref[i - 1];
    for (let j = 1; j <= cols; j++) {
      if (ri === can[j - 1]) t[i * w + j] = (t[(i - 1) * w + j - 1] ?? 0) + 1;
      else {
        const up = t[(i - 1) * w + j] ?? 0;
        const left = t[i * w + j - 1] ?? 0;
        t[i * w + j] = up > left ? up : left;
      }
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if ((t[i * w + j - 1] ?? 0) > (t[(i - 1) * w + j] ?? 0)) j--;
    else i--;
  }
  return out.reverse();
}

/** Hits of the summary-level union LCS (`_summary_level_lcs`), with the token-budget counters rouge-score uses. */
export function unionLcsHits(refSents: readonly number[][], canSents: readonly number[][]): number {
  const cntR = new Map<number, number>();
  const cntC = new Map<number, number>();
  for (const s of refSents) for (const t of s) cntR.set(t, (cntR.get(t) ?? 0) + 1);
  for (const s of canSents) for (const t of s) cntC.set(t, (cntC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    // `sorted(set().union(*[lcs_ind(r, c) for c in can]))`
    const union = new Set<number>();
    for (const c of canSents) for (const idx of lcsIndices(r, c)) union.add(idx);
    const sorted = [...union].sort((x, y) => x - y);
    for (const idx of sorted) {
      const tok = r[idx] ?? -1;
      const inC = cntC.get(tok) ?? 0;
      const inR = cntR.get(tok) ?? 0;
      if (inC > 0 && inR > 0) {
        hits++;
        cntC.set(tok, inC - 1);
        cntR.set(tok, inR - 1);
      }
    }
  }
  return hits;
}
