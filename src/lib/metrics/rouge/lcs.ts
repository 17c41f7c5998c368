// Longest common subsequence pieces of rouge-score 0.1.2 (rouge/rouge_scorer.py: _lcs_table, _backtrack_norec,
// _summary_level_lcs), over interned token ids.

// Reused DP buffers: scoring allocates nothing per pair once they are large enough.
let rowA = new Int32Array(256);
let rowB = new Int32Array(256);
let table = new Int32Array(4096);

/** LCS length of two id sequences (the last cell of `_lcs_table`), in O(min) memory. */
export function lcsLength(a: readonly number[], b: readonly number[]): number {
  const n = b.length;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
  }
  let prev = rowA.fill(0, 0, n + 1);
  let cur = rowB.fill(0, 0, n + 1);
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
  const size = (rows + 1) * w;
  if (table.length < size) table = new Int32Array(2 * size);
  const t = table;
  t.fill(0, 0, size);
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

/** Per-token-id counters in one reusable typed array; only the touched ids are reset afterwards. */
class IdCounts {
  #counts = new Int32Array(1024);
  readonly #touched: number[] = [];
  add(id: number, k = 1): void {
    if (id >= this.#counts.length) {
      const next = new Int32Array(Math.max(2 * this.#counts.length, id + 1));
      next.set(this.#counts);
      this.#counts = next;
    }
    if (this.#counts[id] === 0) this.#touched.push(id);
    this.#counts[id] = (this.#counts[id] ?? 0) + k;
  }
  get(id: number): number {
    return id < this.#counts.length ? (this.#counts[id] ?? 0) : 0;
  }
  clear(): void {
    for (const id of this.#touched) this.#counts[id] = 0;
    this.#touched.length = 0;
  }
}

const cntR = new IdCounts();
const cntC = new IdCounts();
let marks = new Uint8Array(256);

/** Hits of the summary-level union LCS (`_summary_level_lcs`), with the token-budget counters rouge-score uses. */
export function unionLcsHits(refSents: readonly number[][], canSents: readonly number[][]): number {
  for (const s of refSents) for (const t of s) cntR.add(t);
  for (const s of canSents) for (const t of s) cntC.add(t);
  let hits = 0;
  for (const r of refSents) {
    // `sorted(set().union(*[lcs_ind(r, c) for c in can]))`: marks over r's positions give the sorted union.
    if (marks.length < r.length) marks = new Uint8Array(2 * r.length);
    marks.fill(0, 0, r.length);
    for (const c of canSents) for (const idx of lcsIndices(r, c)) marks[idx] = 1;
    for (let idx = 0; idx < r.length; idx++) {
      if (marks[idx] !== 1) continue;
      const tok = r[idx] ?? -1;
      if (cntC.get(tok) > 0 && cntR.get(tok) > 0) {
        hits++;
        cntC.add(tok, -1);
        cntR.add(tok, -1);
      }
    }
  }
  cntR.clear();
  cntC.clear();
  return hits;
}

/** Σ min(count in a, count in b) over token ids: the unigram overlap. */
export function unigramOverlap(a: readonly number[], b: readonly number[]): number {
  for (const t of a) cntR.add(t);
  let overlap = 0;
  for (const t of b) {
    if (cntR.get(t) > 0) {
      overlap++;
      cntR.add(t, -1);
    }
  }
  cntR.clear();
  return overlap;
}
