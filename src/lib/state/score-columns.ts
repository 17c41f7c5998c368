// Which score columns the data table can show, from the stored runs of the open dataset, and how each column reads
// its number from a stored row value. Plain functions (no Svelte, no Dexie) so they are unit-tested in Node.
import { contentHash, stableStringify } from '../core/hash';
import type { RunRecord } from '../db/records';
import { rowPerplexity } from '../metrics/perplexity/corpus';

/** A column the user can add: one per-row number of one stored run. */
export interface ScoreColumnSpec {
  /**
   * Stable across recomputation: metric, value key, system and a hash of the settings that change the number, so a
   * remembered column comes back when the same scores are computed again (a new run id).
   */
  id: string;
  runId: string;
  /** The run's last change: a run that grew (resumed perplexity) is read again. */
  runUpdatedAt: number;
  label: string;
  /** The run's signature, for the header tooltip. */
  title: string;
  metric: string;
  /** Key in the stored row value (`bleu`, `chrf`, `rougeL`, `exact_match`…) or `perplexity`. */
  key: string;
  digits: number;
}

const METRIC_KEYS: Record<string, { key: string; label: string; digits: number }[]> = {
  // Runner adapters (metrics/run/adapters.ts) store sentence BLEU as `bleu`, sentence chrF as `chrf`, ROUGE F per
  // type under the type's name, exact match 0/1 as `exact_match` beside SQuAD token F1 `token_f1`.
  bleu: [{ key: 'bleu', label: 'BLEU', digits: 2 }],
  chrf: [{ key: 'chrf', label: 'chrF', digits: 2 }],
  exact_match: [
    { key: 'exact_match', label: 'Exact match', digits: 0 },
    { key: 'token_f1', label: 'Token F1', digits: 4 },
  ],
  accuracy: [{ key: 'accuracy', label: 'Accuracy', digits: 0 }],
  mc_accuracy: [{ key: 'mc_accuracy', label: 'MC accuracy', digits: 0 }],
};

/** rouge1 → ROUGE-1, rougeL → ROUGE-L, rougeLsum → ROUGE-Lsum (the names of the rouge-score paper tables). */
function rougeLabel(type: string): string {
  return `ROUGE-${type.replace(/^rouge/, '')}`;
}

/** The value keys a metric run stores per row. */
function metricKeys(run: RunRecord): { key: string; label: string; digits: number }[] {
  const config = run.options.config as Record<string, Record<string, unknown> | undefined> | undefined;
  if (run.metric === 'rouge') {
    const types = config?.rouge?.types;
    const list = Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : [];
    return list.map((t) => ({ key: t, label: rougeLabel(t), digits: 4 }));
  }
  if (run.metric === 'chrf' && Number(config?.chrf?.wordOrder ?? 0) > 0)
    return [{ key: 'chrf', label: 'chrF++', digits: 2 }];
  return METRIC_KEYS[run.metric] ?? [];
}

/** The columns one run offers (none for runs still going, failed, or of multiple-choice perplexity). */
function runColumns(run: RunRecord): ScoreColumnSpec[] {
  if (run.kind === 'perplexity') {
    // A text-mode perplexity run's rows are {tokens, nll_sum, …}; a multiple-choice run sums over all choices,
    // which is no row perplexity anyone reports, so it offers no column.
    if (run.status === 'error' || run.options.mode === 'choices') return [];
    const model = typeof run.options.modelId === 'string' ? run.options.modelId : 'model';
    const partial = run.status === 'done' ? '' : ' (partial)';
    return [
      {
        id: `perplexity:perplexity:${run.system}:${contentHash(run.signature)}`,
        runId: run.id,
        runUpdatedAt: run.updatedAt,
        label: `Perplexity · ${model} · ${run.system}${partial}`,
        title: run.signature,
        metric: 'perplexity',
        key: 'perplexity',
        digits: 3,
      },
    ];
  }
  if (run.status !== 'done') return [];
  // Per-row numbers depend on the metric settings only; statistics settings (resamples, seed) change none.
  const variant = contentHash(stableStringify(run.options.config ?? run.signature));
  return metricKeys(run).map(({ key, label, digits }) => ({
    id: `${run.metric}:${key}:${run.system}:${variant}`,
    runId: run.id,
    runUpdatedAt: run.updatedAt,
    label: `${label} · ${run.system}`,
    title: run.signature,
    metric: run.metric,
    key,
    digits,
  }));
}

/**
 * Every column the stored runs offer, one per id (the newest run wins when the same scores were stored twice, e.g.
 * under other bootstrap settings), sorted by label. Equal labels (the same metric and system under different
 * settings) get the run's signature appended, then a counter if they still clash.
 */
export function scoreColumnsFor(runs: readonly RunRecord[]): ScoreColumnSpec[] {
  const newestFirst = [...runs].sort((a, b) => b.updatedAt - a.updatedAt);
  const byId = new Map<string, ScoreColumnSpec>();
  for (const run of newestFirst) for (const c of runColumns(run)) if (!byId.has(c.id)) byId.set(c.id, c);
  const columns = [...byId.values()];
  const count = (label: string): number => columns.filter((c) => c.label === label).length;
  const clashing = new Set(columns.filter((c) => count(c.label) > 1).map((c) => c.label));
  for (const c of columns) if (clashing.has(c.label)) c.label = `${c.label} (${c.title})`;
  const seen = new Map<string, number>();
  for (const c of columns.sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id))) {
    const n = (seen.get(c.label) ?? 0) + 1;
    seen.set(c.label, n);
    if (n > 1) c.label = `${c.label} #${n}`;
  }
  return columns;
}

/** The number a column shows for one stored row value, or null when the value has none. */
export function columnValue(
  spec: Pick<ScoreColumnSpec, 'metric' | 'key'>,
  value: Record<string, unknown>,
): number | null {
  if (spec.metric === 'perplexity') {
    // Token perplexity exp(NLL / tokens), as the Perplexity view's per-row table shows it.
    const { tokens, nll_sum } = value;
    if (typeof tokens !== 'number' || typeof nll_sum !== 'number') return null;
    return rowPerplexity({ tokens, nllSum: nll_sum });
  }
  const v = value[spec.key];
  return typeof v === 'number' ? v : null;
}
