// The report summary: one card per system (every metric with interval and signature, perplexity, human win rate,
// judge score) plus the warnings, for all rows or a slice. Also the body of the "summary JSON" export.
import type { BootstrapOptions } from '../ratings/stats';
import { computePairwiseSummary, type WinRateSummary } from '../ratings/winrate';
import type { ReportData } from './model';
import { sourceStat, type SourceStat } from './stats';
import { reportWarnings, type ReportWarning } from './warnings';

/** A win rate from one system's point of view, labelled with its source. */
export interface LabelledWinRate {
  key: string;
  kind: 'human' | 'judge';
  label: string;
  summary: WinRateSummary;
  note?: string;
}

/** Everything the summary card of one system shows. */
export interface SystemCard {
  system: string;
  metrics: SourceStat[];
  perplexity: SourceStat[];
  judge: SourceStat[];
  likert: SourceStat[];
  winRates: LabelledWinRate[];
}

/** The summary of a report (one slice). */
export interface ReportSummary {
  rows: number;
  cards: SystemCard[];
  stats: SourceStat[];
  winRates: LabelledWinRate[];
  warnings: ReportWarning[];
}

/** Builds the summary for the rows in mask (null = all rows). */
export function buildSummary(
  data: ReportData,
  mask: readonly boolean[] | null,
  boot: BootstrapOptions = {},
): ReportSummary {
  const stats = data.sources.map((s) => sourceStat(s, mask, boot));
  const allowed =
    mask === null ? null : new Set(data.rows.filter((_, i) => mask[i] === true).map((r) => r.id));
  const winRates: LabelledWinRate[] = [];
  for (const set of data.pairwise) {
    const votes = allowed ? set.votes.filter((v) => allowed.has(v.rowId)) : set.votes;
    for (const [system, baseline] of [set.systems, [set.systems[1], set.systems[0]] as const])
      winRates.push({
        key: `${set.key}:${system}`,
        kind: set.kind,
        label: set.label,
        summary: computePairwiseSummary(votes, system, baseline, { bootstrap: boot }),
        ...(set.note ? { note: set.note } : {}),
      });
  }
  const systems = [...new Set([...data.systems, ...data.sources.map((s) => s.system)])];
  const kindOf = new Map(data.sources.map((s) => [s.key, s.kind]));
  const cards = systems.map((system) => {
    const mine = stats.filter((s) => s.system === system);
    const of = (k: string) => mine.filter((s) => kindOf.get(s.key) === k);
    return {
      system,
      metrics: of('metric'),
      perplexity: of('perplexity'),
      judge: of('judge'),
      likert: of('likert'),
      winRates: winRates.filter((w) => w.summary.system === system),
    };
  });
  const warnings = [
    ...reportWarnings(stats),
    ...winRates
      .filter((w) => w.summary.system === data.pairwise.find((p) => w.key.startsWith(p.key))?.systems[0])
      .flatMap((w) =>
        w.summary.warnings
          .filter((x) => x.code !== 'no-data')
          .map((x) => ({
            code: 'win-rate' as const,
            message: `${w.label}, ${w.summary.system} vs ${w.summary.baseline}: ${x.message}`,
          })),
      ),
  ];
  return {
    rows: mask === null ? data.rows.length : mask.filter(Boolean).length,
    cards,
    stats,
    winRates,
    warnings,
  };
}
