// Scores for `yardstick score`, streamed: each row's statistics are computed once and folded into running sums
// (BLEU and chrF statistics, ROUGE P/R/F totals as rouge-score's mean, exact-match counts), for the corpus and for
// each --by group, so memory does not grow with the file. Summing in row order gives the same numbers as summing
// a list of every row's statistics.
import {
  bleuFromStats,
  bleuSignature,
  computeBleu,
  segmentStats,
  type BleuOptions,
  type BleuScore,
  type RefCount,
} from '../lib/metrics/bleu';
import { chrfSegmentStats, chrfSignature, computeChrf, type ChrfOptions } from '../lib/metrics/chrf';
import { ExactMatcher, exactMatchSignature, type ExactMatchOptions } from '../lib/metrics/match';
import { RougeScorer, type RougeOptions, type RougeScore, type RougeScores } from '../lib/metrics/rouge';

/** The metrics the command can compute. */
export type ScoreMetric = 'bleu' | 'chrf' | 'rouge' | 'exact';

/** Everything that decides the numbers. */
export interface ScoreConfig {
  metrics: ReadonlySet<ScoreMetric>;
  bleuCorpus: BleuOptions;
  bleuRow: BleuOptions;
  chrf: ChrfOptions;
  rouge: RougeOptions;
  exact: ExactMatchOptions;
}

/** A row's statistics; null for rows without a reference. */
export interface RowStats {
  /** How many references the row has. */
  refs: number;
  bleu?: number[];
  chrf?: number[];
  rouge?: RougeScores;
  exact?: 0 | 1;
}

type Json = Record<string, unknown>;

/** BLEU's numbers under the JSON names the command prints. */
function bleuJson(s: BleuScore): Json {
  return {
    score: s.score,
    counts: s.counts,
    totals: s.totals,
    precisions: s.precisions,
    bp: s.bp,
    sys_len: s.sysLen,
    ref_len: s.refLen,
  };
}

/** Computes each row's statistics with scorers kept across rows. */
export class RowScorer {
  readonly #cfg: ScoreConfig;
  readonly #rouge: RougeScorer | null;
  readonly #exact: ExactMatcher | null;

  constructor(cfg: ScoreConfig) {
    this.#cfg = cfg;
    this.#rouge = cfg.metrics.has('rouge') ? new RougeScorer(cfg.rouge) : null;
    this.#exact = cfg.metrics.has('exact') ? new ExactMatcher(cfg.exact) : null;
  }

  /** The statistics of row `index` (0-based, for messages); null when it has no reference. */
  stats(response: string, references: readonly string[], index: number): RowStats | null {
    if (references.length === 0) return null;
    const cfg = this.#cfg;
    const s: RowStats = { refs: references.length };
    if (cfg.metrics.has('bleu')) s.bleu = segmentStats(response, references, cfg.bleuCorpus, index);
    if (cfg.metrics.has('chrf')) s.chrf = chrfSegmentStats(response, references, cfg.chrf, index);
    if (this.#rouge) s.rouge = this.#rouge.score(response, references);
    if (this.#exact) s.exact = this.#exact.score(response, references);
    return s;
  }

  /**
   * The per_row entry of a row as JSON text: what JSON.stringify of {id, then each metric} prints, built as text (the
   * objects and the generic serializer were most of the cost of a per-row run).
   */
  rowEntry(id: string, s: RowStats | null): string {
    return `{"id":${JSON.stringify(id)},${this.#fields(s)}}`;
  }

  #fields(s: RowStats | null): string {
    const cfg = this.#cfg;
    const parts: string[] = [];
    if (s === null) {
      for (const m of cfg.metrics) {
        if (m === 'rouge') for (const t of cfg.rouge.types) parts.push(`"${t}":null`);
        else parts.push(`"${m === 'exact' ? 'exact_match' : m}":null`);
      }
      return parts.join(',');
    }
    if (s.bleu) {
      const b = bleuFromStats(s.bleu, cfg.bleuRow);
      parts.push(
        `"bleu":{"score":${num(b.score)},"counts":${nums(b.counts)},"totals":${nums(b.totals)},` +
          `"precisions":${nums(b.precisions)},"bp":${num(b.bp)},"sys_len":${num(b.sysLen)},"ref_len":${num(b.refLen)}}`,
      );
    }
    if (s.chrf) parts.push(`"chrf":{"score":${num(computeChrf(s.chrf, cfg.chrf))}}`);
    if (s.rouge) {
      for (const t of cfg.rouge.types) {
        const r = s.rouge[t];
        parts.push(
          r
            ? `"${t}":{"precision":${num(r.precision)},"recall":${num(r.recall)},"fmeasure":${num(r.fmeasure)}}`
            : `"${t}":null`,
        );
      }
    }
    if (s.exact !== undefined) parts.push(`"exact_match":${s.exact}`);
    return parts.join(',');
  }
}

/** A number as JSON.stringify writes it (null for NaN and the infinities). */
function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

function nums(xs: readonly number[]): string {
  let out = '[';
  for (let i = 0; i < xs.length; i++) out += (i > 0 ? ',' : '') + num(xs[i] ?? NaN);
  return `${out}]`;
}

/** A row as the scorer needs it. */
export interface ScorableRow {
  id: string;
  response: string;
  references: readonly string[];
}

/** The scores of a run of consecutive rows: each row's statistics, and their per_row entries when asked. */
export interface BatchScores {
  stats: (RowStats | null)[];
  /** The per_row JSON entries, one per row, joined by ",\n    " ('' without JSON). */
  text: string;
}

/** Scores consecutive rows; `first` is the 0-based index of the first one (for messages). */
export function scoreBatch(
  scorer: RowScorer,
  rows: readonly ScorableRow[],
  first: number,
  json: boolean,
): BatchScores {
  const stats: (RowStats | null)[] = [];
  const entries: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ScorableRow;
    const s = scorer.stats(row.response, row.references, first + i);
    stats.push(s);
    if (json) entries.push(scorer.rowEntry(row.id, s));
  }
  return { stats, text: entries.join(',\n    ') };
}

/** The numbers of one row in a packed batch: reference count, then each metric's statistics. */
function packedWidth(cfg: ScoreConfig): number {
  let w = 1;
  if (cfg.metrics.has('bleu')) w += 2 + 2 * cfg.bleuCorpus.maxNgramOrder;
  if (cfg.metrics.has('chrf')) w += 3 * (cfg.chrf.charOrder + cfg.chrf.wordOrder);
  if (cfg.metrics.has('rouge')) w += 3 * cfg.rouge.types.length;
  if (cfg.metrics.has('exact')) w += 1;
  return w;
}

/**
 * Row statistics as one Float64Array (transferred between threads without copying): every number is an integer
 * count or a ROUGE float, both exact in a double, so unpacking gives back the same statistics.
 */
export function packStats(cfg: ScoreConfig, stats: readonly (RowStats | null)[]): Float64Array<ArrayBuffer> {
  const w = packedWidth(cfg);
  const out = new Float64Array(stats.length * w);
  const types = cfg.rouge.types;
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i];
    let at = i * w;
    if (!s) continue; // refs = 0: no reference
    out[at++] = s.refs;
    if (cfg.metrics.has('bleu')) for (const x of s.bleu ?? []) out[at++] = x;
    if (cfg.metrics.has('chrf')) for (const x of s.chrf ?? []) out[at++] = x;
    if (cfg.metrics.has('rouge')) {
      for (const t of types) {
        const r = s.rouge?.[t];
        out[at++] = r ? r.precision : NaN;
        out[at++] = r ? r.recall : NaN;
        out[at++] = r ? r.fmeasure : NaN;
      }
    }
    if (cfg.metrics.has('exact')) out[at] = s.exact ?? 0;
  }
  return out;
}

/** Running corpus sums over the rows added to it (rows without a reference are skipped). */
export class CorpusSums {
  readonly #cfg: ScoreConfig;
  /** Rows added, with or without a reference. */
  members = 0;
  /** Rows with a reference (the ones scored). */
  rows = 0;
  #nrefs: RefCount | undefined;
  readonly #bleu: number[];
  readonly #chrf: number[];
  readonly #rouge: { p: number; r: number; f: number; n: number }[];
  #matches = 0;

  constructor(cfg: ScoreConfig) {
    this.#cfg = cfg;
    this.#bleu = new Array<number>(2 + 2 * cfg.bleuCorpus.maxNgramOrder).fill(0);
    this.#chrf = new Array<number>(3 * (cfg.chrf.charOrder + cfg.chrf.wordOrder)).fill(0);
    this.#rouge = cfg.rouge.types.map(() => ({ p: 0, r: 0, f: 0, n: 0 }));
  }

  /** Adds row `i` of a packed batch (packStats): the same sums, in the same order, as add() of its stats. */
  addPacked(packed: Float64Array, i: number): void {
    this.members++;
    const cfg = this.#cfg;
    const w = packedWidth(cfg);
    let at = i * w;
    const k = packed[at++] ?? 0;
    if (k === 0) return;
    this.rows++;
    if (this.#nrefs === undefined) this.#nrefs = k;
    else if (this.#nrefs !== k) this.#nrefs = 'var';
    if (cfg.metrics.has('bleu')) {
      const sum = this.#bleu;
      for (let j = 0; j < sum.length; j++) sum[j] = (sum[j] ?? 0) + (packed[at++] ?? 0);
    }
    if (cfg.metrics.has('chrf')) {
      const sum = this.#chrf;
      for (let j = 0; j < sum.length; j++) sum[j] = (sum[j] ?? 0) + (packed[at++] ?? 0);
    }
    if (cfg.metrics.has('rouge')) {
      for (const acc of this.#rouge) {
        const p = packed[at++] ?? NaN;
        const r = packed[at++] ?? NaN;
        const f = packed[at++] ?? NaN;
        if (Number.isNaN(p)) continue;
        acc.p += p;
        acc.r += r;
        acc.f += f;
        acc.n++;
      }
    }
    if (cfg.metrics.has('exact')) this.#matches += packed[at] ?? 0;
  }

  add(s: RowStats | null): void {
    this.members++;
    if (s === null) return;
    this.rows++;
    const k = s.refs;
    if (this.#nrefs === undefined) this.#nrefs = k;
    else if (this.#nrefs !== k) this.#nrefs = 'var';
    if (s.bleu) addInto(this.#bleu, s.bleu);
    if (s.chrf) addInto(this.#chrf, s.chrf);
    if (s.rouge) {
      const types = this.#cfg.rouge.types;
      for (let i = 0; i < types.length; i++) {
        const t = types[i];
        const score: RougeScore | undefined = t === undefined ? undefined : s.rouge[t];
        const acc = this.#rouge[i];
        if (!score || !acc) continue;
        acc.p += score.precision;
        acc.r += score.recall;
        acc.f += score.fmeasure;
        acc.n++;
      }
    }
    this.#matches += s.exact ?? 0;
  }

  /** The corpus scores, under the JSON names the command prints. */
  json(): Json {
    const cfg = this.#cfg;
    const corpus: Json = {};
    const nrefs = this.#nrefs ?? 0;
    if (cfg.metrics.has('bleu')) {
      corpus['bleu'] = {
        ...bleuJson(computeBleu(this.#bleu, cfg.bleuCorpus)),
        signature: bleuSignature(cfg.bleuCorpus, nrefs),
      };
    }
    if (cfg.metrics.has('chrf')) {
      corpus['chrf'] = {
        score: computeChrf(this.#chrf, cfg.chrf),
        signature: chrfSignature(cfg.chrf, nrefs),
      };
    }
    if (cfg.metrics.has('rouge')) {
      cfg.rouge.types.forEach((t, i) => {
        const acc = this.#rouge[i] ?? { p: 0, r: 0, f: 0, n: 0 };
        const n = acc.n || 1;
        corpus[t] = { precision: acc.p / n, recall: acc.r / n, fmeasure: acc.f / n };
      });
    }
    if (cfg.metrics.has('exact')) {
      corpus['exact_match'] = {
        score: this.rows ? this.#matches / this.rows : 0,
        matches: this.#matches,
        rows: this.rows,
        signature: exactMatchSignature(cfg.exact),
      };
    }
    return corpus;
  }
}

function addInto(sum: number[], row: readonly number[]): void {
  for (let j = 0; j < sum.length; j++) sum[j] = (sum[j] ?? 0) + (row[j] ?? 0);
}
