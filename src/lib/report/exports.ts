// Exports of results: per-row results as CSV (RFC 4180) and JSONL, and the summary as JSON.
import { itemScores } from '../ratings/winrate';
import type { ReportData } from './model';
import type { ReportSummary } from './summary';

/** One row of the per-row export, flat: text columns, then one column per score source and pairwise set. */
export type ResultRow = Record<string, string | number | null>;

/** Column name of a score source, unique within the export. */
function sourceColumns(data: ReportData): string[] {
  const seen = new Map<string, number>();
  return data.sources.map((s) => {
    const base = `${s.metric}:${s.system}`;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}#${k}`;
  });
}

/** Per-row results: id, tags, prompt, references, each response, each score, each pairwise outcome. */
export function resultRows(
  data: ReportData,
  mask: readonly boolean[] | null = null,
): { columns: string[]; rows: ResultRow[] } {
  const scoreCols = sourceColumns(data);
  const pairCols = data.pairwise.map((p) => `${p.kind}:${p.systems[0]}_vs_${p.systems[1]}`);
  const pairScores = data.pairwise.map((p) => itemScores(p.votes, p.systems[0], p.systems[1]));
  const columns = [
    'row_id',
    'idx',
    'tags',
    'prompt',
    'reference',
    ...data.systems.map((s) => `response:${s}`),
    ...scoreCols,
    ...pairCols,
  ];
  const rows: ResultRow[] = [];
  data.rows.forEach((row, pos) => {
    if (mask !== null && mask[pos] !== true) return;
    const out: ResultRow = {
      row_id: row.id,
      idx: row.idx,
      tags: row.tags.join(';'),
      prompt: row.prompt,
      reference: row.references.join(' ||| '),
    };
    for (const s of data.systems) out[`response:${s}`] = row.responses[s] ?? null;
    data.sources.forEach((src, i) => (out[scoreCols[i] ?? src.key] = src.scores[pos] ?? null));
    // Pooled item score of the first system: 1 win, 0.5 tie, 0 loss (ratings/winrate itemScores).
    pairScores.forEach((m, i) => (out[pairCols[i] ?? ''] = m.get(row.id) ?? null));
    rows.push(out);
  });
  return { columns, rows };
}

/** Quotes a CSV field (RFC 4180): fields with comma, quote, CR or LF are quoted, quotes doubled. Text that a
 *  spreadsheet would run as a formula (=, +, -, @ first, OWASP "CSV injection") gets a leading apostrophe. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/.test(v) && !/^[-+]?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV document with a header line, CRLF line ends (RFC 4180 §2). */
export function toCsv(columns: readonly string[], rows: readonly ResultRow[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c] ?? null)).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** A JSONL document, one object per line. */
export function toJsonl(rows: readonly object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

/** The summary as a JSON document (numbers, intervals, signatures, warnings; no row text). */
export function summaryJson(
  summary: ReportSummary,
  meta: { project: string; dataset: string; slice: string; exportedAt: number; notice?: string },
): string {
  return JSON.stringify(
    {
      format: 'yardstick-summary',
      version: 1,
      ...meta,
      exportedAt: new Date(meta.exportedAt).toISOString(),
      rows: summary.rows,
      systems: summary.cards.map((c) => ({
        system: c.system,
        scores: [...c.metrics, ...c.perplexity, ...c.judge, ...c.likert].map((s) => ({
          metric: s.metric,
          label: s.label,
          value: s.value,
          interval: s.interval,
          n: s.n,
          signature: s.signature,
          method: s.method,
        })),
        winRates: c.winRates.map((w) => ({
          source: w.label,
          against: w.summary.baseline,
          winRate: w.summary.winRate,
          interval: w.summary.interval,
          items: w.summary.items,
          counts: w.summary.itemCounts,
          signTestP: w.summary.signTestP,
        })),
      })),
      warnings: summary.warnings.map((w) => w.message),
    },
    null,
    2,
  );
}
