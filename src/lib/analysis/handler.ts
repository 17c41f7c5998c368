// The analysis worker's handler: one request in, one answer out, a plain function tested in Node without a Worker.
// It calls the same pure functions, with the same bootstrap settings, the views used to call on the main thread,
// so the numbers are unchanged (seeded bootstraps: the same seed and rounds give the same intervals).
import { assertNever, YardstickError } from '../core/errors';
import { sessionResults } from '../ratings/session-results';
import type { BootstrapOptions } from '../ratings/stats';
import { metricNames, sliceSpec, winRateSpec } from '../report/charts';
import { compareSources } from '../report/compare';
import { buildReportData, type ReportData } from '../report/model';
import type { SliceDef } from '../report/slices';
import { buildSummary } from '../report/summary';
import type { YardstickDb } from '../db/schema';
import { textOrder } from '../ui/sort-order';
import { openBundleSource } from './bundle-open';
import type { AnalysisRequest, AnalysisResponse, BreakdownCharts, HumanData } from './protocol';

/** Bootstrap of each slice of the Report's per-slice charts (one statistic per slice and system). */
export const BREAKDOWN_BOOT: BootstrapOptions = { rounds: 400 };

/**
 * What the worker keeps between requests: the annotations, the report data and the text column last loaded, and
 * its own connection to the database (opened on first use; null where nothing is written, e.g. most tests).
 */
export interface AnalysisState {
  human: { key: string; data: HumanData } | null;
  report: { key: string; data: ReportData } | null;
  sort: { key: string; keys: (string | undefined)[] } | null;
  db: (() => YardstickDb) | null;
}

/** A fresh state (nothing loaded), writing to the database `db` returns, if given. */
export function createAnalysisState(db: (() => YardstickDb) | null = null): AnalysisState {
  return { human: null, report: null, sort: null, db };
}

/** The requests answered synchronously (all but a cancel and the database write of `bundle-open`). */
export type SyncRequest = Exclude<AnalysisRequest, { type: 'cancel' | 'bundle-open' }>;

function humanData(state: AnalysisState, key: string): HumanData {
  if (state.human?.key !== key)
    throw new YardstickError(
      'human-not-loaded',
      `The annotations "${key}" are not loaded in the analysis worker.`,
    );
  return state.human.data;
}

function reportData(state: AnalysisState, key: string): ReportData {
  if (state.report?.key !== key)
    throw new YardstickError(
      'report-not-loaded',
      `The report "${key}" is not loaded in the analysis worker.`,
    );
  return state.report.data;
}

function breakdown(data: ReportData, metric: string | null, slices: readonly SliceDef[]): BreakdownCharts {
  const known = metric !== null && metricNames(data).includes(metric);
  return {
    slice: known ? sliceSpec(data, metric, slices, BREAKDOWN_BOOT) : null,
    winRate: data.pairwise.length ? winRateSpec(data, slices, BREAKDOWN_BOOT) : null,
  };
}

function answer(req: SyncRequest, state: AnalysisState): AnalysisResponse {
  switch (req.type) {
    case 'human-load':
      state.human = { key: req.key, data: req.data };
      return { type: 'human-load', id: req.id, key: req.key };
    case 'human-results': {
      const { annotations, datasetPairwise, tagsByRow } = humanData(state, req.key);
      const { config, annotator, btBaseline } = req.query;
      const results = sessionResults(config, annotations, datasetPairwise, tagsByRow, annotator, btBaseline);
      return { type: 'human-results', id: req.id, results };
    }
    case 'report-load': {
      const data = buildReportData(req.records, req.datasetId);
      if (!data) throw new YardstickError('report-empty', 'The project has no dataset to report on.');
      state.report = { key: req.key, data };
      return { type: 'report-load', id: req.id, key: req.key, rows: data.rows.length };
    }
    case 'report-summary': {
      const data = reportData(state, req.key);
      if (req.mask !== null && req.mask.length !== data.rows.length)
        throw new YardstickError(
          'bad-mask',
          `The slice covers ${req.mask.length} rows but the report has ${data.rows.length}.`,
        );
      return { type: 'report-summary', id: req.id, summary: buildSummary(data, req.mask) };
    }
    case 'report-breakdown':
      return {
        type: 'report-breakdown',
        id: req.id,
        charts: breakdown(reportData(state, req.key), req.metric, req.slices),
      };
    case 'report-compare': {
      const data = reportData(state, req.key);
      const a = data.sources.find((s) => s.key === req.a);
      const b = data.sources.find((s) => s.key === req.b);
      if (!a || !b)
        throw new YardstickError('unknown-source', `No score source "${a ? req.b : req.a}" in this report.`);
      return { type: 'report-compare', id: req.id, comparison: compareSources(a, b) };
    }
    case 'sort-load':
      state.sort = { key: req.key, keys: req.keys };
      return { type: 'sort-load', id: req.id, key: req.key };
    case 'sort-text': {
      if (state.sort?.key !== req.key)
        throw new YardstickError(
          'sort-not-loaded',
          `The column "${req.key}" is not loaded in the analysis worker.`,
        );
      // textOrder with its default collator: the same rules (stable, missing last) the page applies synchronously.
      return { type: 'sort-text', id: req.id, order: textOrder(state.sort.keys, req.direction) };
    }
    case 'bundle-restore':
      return { type: 'bundle-restore', id: req.id, outcome: openBundleSource(req.source) };
    default:
      return assertNever(req);
  }
}

/** The `error` answer to request `id` for a thrown value (a YardstickError keeps its code). */
export function errorAnswer(id: number, e: unknown): AnalysisResponse {
  const code = e instanceof YardstickError ? e.code : 'analysis-failed';
  return { type: 'error', id, code, message: e instanceof Error ? e.message : String(e) };
}

/** Handles one synchronous request; never throws: a failure becomes an `error` answer with a code. */
export function handleRequest(req: SyncRequest, state: AnalysisState): AnalysisResponse {
  try {
    return answer(req, state);
  } catch (e) {
    return errorAnswer(req.id, e);
  }
}
