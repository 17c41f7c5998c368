// AlpacaEval annotations (tatsu-lab/alpaca_eval `annotations.json`): a JSON list of
// {instruction, output_1, output_2, generator_1, generator_2, annotator, preference, raw_completion?}. `preference`
// is 1 (output_1 better) … 2 (output_2 better); weighted annotators give values in between; 1.5, and the 0 some
// configs write for a draw, are ties (alpaca_eval issue #290). Each generator pair becomes one pairwise judge run,
// and generator_2 (the evaluated model) gets both of AlpacaEval's win rates as metric runs, in percent: the
// leaderboard's `win_rate`, the mean of `preference - 1` (soft), and `discrete_win_rate`, wins plus half the ties
// (alpaca_eval metrics: get_winrate).
import { err, ok, type Result, type Row } from '../../core/types';
import type { BundleRecords } from '../bundle/types';
import { bootstrapMean } from '../../ratings/stats';
import { isObj, projectAround } from './common';

/** The two metric names, as labelled in the report. */
export const ALPACA_SOFT = 'alpaca_eval win_rate (soft, leaderboard)';
export const ALPACA_DISCRETE = 'alpaca_eval discrete_win_rate';

/** generator_2's share of one comparison, soft (preference − 1) and discrete (1, ½ for a tie, 0); null if missing. */
export function alpacaShares(preference: unknown): { soft: number; discrete: number } | null {
  const verdict = alpacaVerdict(preference);
  if (verdict === null || typeof preference !== 'number') return null;
  const discrete = verdict === 'B' ? 1 : verdict === 'tie' ? 0.5 : 0;
  return { soft: preference === 0 ? 0.5 : preference - 1, discrete };
}

/** Verdict for output_1 (shown as A): preference < 1.5 → A, > 1.5 → B, 1.5 or 0 → tie; null when missing. */
export function alpacaVerdict(preference: unknown): 'A' | 'B' | 'tie' | null {
  if (typeof preference !== 'number' || !Number.isFinite(preference)) return null;
  if (preference === 0 || preference === 1.5) return 'tie';
  return preference < 1.5 ? 'A' : 'B';
}

/** Reads AlpacaEval annotations into a new project: one row per instruction, one response per generator. */
export function fromAlpacaEval(json: unknown, name: string, now = Date.now()): Result<BundleRecords, string> {
  if (!Array.isArray(json)) return err('AlpacaEval annotations: expected a JSON list.');
  const rowsByPrompt = new Map<string, Row>();
  const items: {
    pair: [string, string];
    rowId: string;
    verdict: 'A' | 'B' | 'tie' | null;
    annotator: string;
    raw: string;
    preference: unknown;
  }[] = [];
  for (const [i, a] of json.entries()) {
    if (!isObj(a)) return err(`record ${i + 1}: expected an object.`);
    for (const f of ['instruction', 'output_1', 'output_2', 'generator_1', 'generator_2'])
      if (typeof a[f] !== 'string') return err(`record ${i + 1}, field ${f}: expected a string.`);
    const [instruction, o1, o2, g1, g2] = [
      'instruction',
      'output_1',
      'output_2',
      'generator_1',
      'generator_2',
    ].map((f) => a[f] as string) as [string, string, string, string, string];
    if (g1 === g2) return err(`record ${i + 1}: generator_1 and generator_2 are both "${g1}".`);
    let row = rowsByPrompt.get(instruction);
    if (!row) {
      const idx = rowsByPrompt.size;
      const dataset = typeof a['dataset'] === 'string' ? a['dataset'] : undefined;
      row = {
        id: `ae-${idx}`,
        idx,
        prompt: instruction,
        references: [],
        responses: {},
        tags: dataset ? [dataset] : [],
        metadata: {},
      };
      rowsByPrompt.set(instruction, row);
    }
    row.responses[g1] = o1;
    row.responses[g2] = o2;
    items.push({
      pair: [g1, g2],
      rowId: row.id,
      verdict: alpacaVerdict(a['preference']),
      annotator: typeof a['annotator'] === 'string' ? a['annotator'] : 'alpaca_eval',
      preference: a['preference'],
      raw:
        typeof a['raw_completion'] === 'string'
          ? a['raw_completion']
          : JSON.stringify(a['raw_completion'] ?? ''),
    });
  }
  const rows = [...rowsByPrompt.values()];
  const systems = [...new Set(items.flatMap((x) => x.pair))];
  const rec = projectAround(name, 'AlpacaEval annotations', rows, systems, now);
  const pairs = new Map<string, number>();
  items.forEach((it, k) => {
    const key = `${it.pair[0]}\u0000${it.pair[1]}\u0000${it.annotator}`;
    let run = pairs.get(key);
    if (run === undefined) {
      run = pairs.size;
      pairs.set(key, run);
      rec.rubrics.push({
        id: `ae-rubric-${run}`,
        projectId: 'imported',
        name: it.annotator,
        version: 1,
        template: '(imported)',
        mode: 'pairwise',
        createdAt: now,
      });
      rec.judgeRuns.push({
        id: `ae-run-${run}`,
        projectId: 'imported',
        datasetId: 'imported-dataset',
        rubricId: `ae-rubric-${run}`,
        provider: 'imported',
        model: it.annotator,
        // One order per judgment: the Judge view reads a missing bothOrders as true and would resolve nothing.
        params: { source: 'alpaca_eval', bothOrders: false },
        mode: 'pairwise',
        systems: [...it.pair],
        status: 'done',
        createdAt: now,
        updatedAt: now,
      });
    }
    const repeat = rec.judgments.filter((j) => j.runId === `ae-run-${run}` && j.rowId === it.rowId).length;
    rec.judgments.push({
      id: `ae-${k}`,
      runId: `ae-run-${run}`,
      rowId: it.rowId,
      cacheKey: `imported:ae:${k}`,
      order: 'AB',
      repeat,
      status: it.verdict === null ? 'unparsed' : 'done',
      ...(it.verdict ? { verdict: it.verdict } : {}),
      ...(it.raw ? { raw: it.raw } : {}),
      updatedAt: now,
    });
  });
  rec.datasets[0] = { ...rec.datasets[0], rowCount: rows.length } as (typeof rec.datasets)[number];
  addWinRates(rec, items, rows, now);
  return ok(rec);
}

/** Metric runs of generator_2's soft and discrete win rates per (generator pair, annotator), in percent. */
function addWinRates(
  rec: BundleRecords,
  items: readonly { pair: [string, string]; rowId: string; annotator: string; preference: unknown }[],
  rows: readonly Row[],
  now: number,
): void {
  const idxOf = new Map(rows.map((r) => [r.id, r.idx]));
  const groups = new Map<
    string,
    { system: string; annotator: string; shares: { rowId: string; soft: number; discrete: number }[] }
  >();
  for (const it of items) {
    const s = alpacaShares(it.preference);
    if (!s) continue;
    const key = `${it.pair[0]}\u0000${it.pair[1]}\u0000${it.annotator}`;
    const g = groups.get(key) ?? { system: it.pair[1], annotator: it.annotator, shares: [] };
    g.shares.push({ rowId: it.rowId, ...s });
    groups.set(key, g);
  }
  let k = 0;
  for (const g of groups.values()) {
    for (const [metric, pick] of [
      [ALPACA_SOFT, (x: { soft: number }) => x.soft * 100],
      [ALPACA_DISCRETE, (x: { discrete: number }) => x.discrete * 100],
    ] as const) {
      const xs = g.shares.map((x) => pick(x as { soft: number; discrete: number }));
      const runId = `ae-metric-${k++}`;
      rec.runs.push({
        id: runId,
        projectId: 'imported',
        datasetId: 'imported-dataset',
        datasetHash: rec.datasets[0]?.contentHash ?? '',
        kind: 'metric',
        metric,
        system: g.system,
        signature: `alpaca_eval:${metric === ALPACA_SOFT ? 'win_rate' : 'discrete_win_rate'}|annotator:${g.annotator}`,
        options: { source: 'alpaca_eval' },
        status: 'done',
        corpus: {
          score: xs.reduce((a, b) => a + b, 0) / xs.length,
          interval: bootstrapMean(xs),
          n: xs.length,
        },
        createdAt: now + k,
        updatedAt: now + k,
      });
      g.shares.forEach((x, i) => {
        const rowIdx = idxOf.get(x.rowId);
        if (rowIdx !== undefined)
          rec.rowScores.push({ runId, rowIdx, rowId: x.rowId, value: { score: xs[i] ?? 0 } });
      });
    }
  }
}
