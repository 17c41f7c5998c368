// Scores for `yardstick score`: per-row statistics once, then corpus scores for any subset of rows from
// summed statistics (BLEU, chrF), the mean over rows (ROUGE, as rouge-score), or the match rate.
import {
  bleuSignature,
  computeBleu,
  countRefs,
  segmentStats,
  sumStats,
  type BleuOptions,
  type BleuScore,
} from '../lib/metrics/bleu';
import { chrfSegmentStats, chrfSignature, computeChrf, type ChrfOptions } from '../lib/metrics/chrf';
import { ExactMatcher, exactMatchSignature, type ExactMatchOptions } from '../lib/metrics/match';
import { meanRouge, RougeScorer, type RougeOptions, type RougeScores } from '../lib/metrics/rouge';
import type { ScoreRow } from './score-input';

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
  references: string[];
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

/** Per-row statistics and the per_row entries, in row order. */
export function scoreRows(
  rows: readonly ScoreRow[],
  cfg: ScoreConfig,
): { stats: (RowStats | null)[]; perRow: Json[] } {
  const rouge = cfg.metrics.has('rouge') ? new RougeScorer(cfg.rouge) : null;
  const exact = cfg.metrics.has('exact') ? new ExactMatcher(cfg.exact) : null;
  const stats: (RowStats | null)[] = [];
  const perRow: Json[] = [];
  rows.forEach((row, i) => {
    const out: Json = { id: row.id };
    perRow.push(out);
    if (row.references.length === 0) {
      for (const m of cfg.metrics) {
        if (m === 'rouge') for (const t of cfg.rouge.types) out[t] = null;
        else out[m === 'exact' ? 'exact_match' : m] = null;
      }
      stats.push(null);
      return;
    }
    const s: RowStats = { references: row.references };
    if (cfg.metrics.has('bleu')) {
      s.bleu = segmentStats(row.response, row.references, cfg.bleuCorpus, i);
      out['bleu'] = bleuJson(computeBleu(s.bleu, cfg.bleuRow));
    }
    if (cfg.metrics.has('chrf')) {
      s.chrf = chrfSegmentStats(row.response, row.references, cfg.chrf, i);
      out['chrf'] = { score: computeChrf(s.chrf, cfg.chrf) };
    }
    if (rouge) {
      s.rouge = rouge.score(row.response, row.references);
      for (const t of cfg.rouge.types) out[t] = s.rouge[t] ?? null;
    }
    if (exact) {
      s.exact = exact.score(row.response, row.references);
      out['exact_match'] = s.exact;
    }
    stats.push(s);
  });
  return { stats, perRow };
}

/** Corpus scores over the rows whose statistics are given (rows without a reference are skipped). */
export function corpusScores(all: readonly (RowStats | null)[], cfg: ScoreConfig): Json {
  const rows = all.filter((s): s is RowStats => s !== null);
  const corpus: Json = {};
  const nrefs = countRefs(rows.map((r) => r.references));
  if (cfg.metrics.has('bleu')) {
    const width = 2 + 2 * cfg.bleuCorpus.maxNgramOrder;
    const summed = rows.length ? sumStats(rows.map((r) => r.bleu ?? [])) : new Array<number>(width).fill(0);
    corpus['bleu'] = {
      ...bleuJson(computeBleu(summed, cfg.bleuCorpus)),
      signature: bleuSignature(cfg.bleuCorpus, nrefs),
    };
  }
  if (cfg.metrics.has('chrf')) {
    const width = 3 * (cfg.chrf.charOrder + cfg.chrf.wordOrder);
    const summed = rows.length ? sumStats(rows.map((r) => r.chrf ?? [])) : new Array<number>(width).fill(0);
    corpus['chrf'] = { score: computeChrf(summed, cfg.chrf), signature: chrfSignature(cfg.chrf, nrefs) };
  }
  if (cfg.metrics.has('rouge')) {
    for (const t of cfg.rouge.types) {
      const scores = rows.flatMap((r) => (r.rouge?.[t] ? [r.rouge[t]] : []));
      corpus[t] = meanRouge(scores);
    }
  }
  if (cfg.metrics.has('exact')) {
    const matches = rows.reduce((k, r) => k + (r.exact ?? 0), 0);
    corpus['exact_match'] = {
      score: rows.length ? matches / rows.length : 0,
      matches,
      rows: rows.length,
      signature: exactMatchSignature(cfg.exact),
    };
  }
  return corpus;
}
