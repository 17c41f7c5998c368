// The Report's statistics, computed in the analysis worker: the summary of the slice, the per-slice charts and the
// row-by-row comparison. Each keeps its last value on screen while a newer one computes, and a newer request
// supersedes a pending one (a slice changed quickly), so the page never waits on a bootstrap.
import { isAbort } from '../core/errors';
import type { BreakdownCharts } from '../analysis/protocol';
import type { BundleRecords } from '../report/bundle/types';
import type { Comparison } from '../report/compare';
import type { SliceDef } from '../report/slices';
import type { ReportSummary } from '../report/summary';
import { analysis } from './analysis-client';

/** A row-by-row comparison of two sources (keys), as computed for the current report. */
export interface ComparisonResult {
  a: string;
  b: string;
  result: Comparison;
}

/** What the worker builds the report from: one load of the project (a new load is a new key). */
export interface StatsSource {
  key: string;
  records: BundleRecords;
  datasetId: string | undefined;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The worker-computed statistics of one loaded report. */
export class ReportStats {
  #source: StatsSource | null = null;
  #sent: { key: string; generation: number } | null = null;
  #summary = $state.raw<{ mask: boolean[] | null; summary: ReportSummary } | null>(null);
  #summaryWait: Promise<ReportSummary | null> = Promise.resolve(null);
  #summaryBusy = $state(false);
  #breakdown = $state.raw<BreakdownCharts | null>(null);
  #breakdownBusy = $state(false);
  #comparison = $state.raw<ComparisonResult | null>(null);
  #compareBusy = $state(false);
  #error = $state<string | null>(null);

  /** The latest summary computed (of the current slice unless `summaryBusy`). */
  get summary(): ReportSummary | null {
    return this.#summary?.summary ?? null;
  }
  get summaryBusy(): boolean {
    return this.#summaryBusy;
  }
  /** Per-slice charts of the metric in focus and of the win rates. */
  get breakdown(): BreakdownCharts | null {
    return this.#breakdown;
  }
  get breakdownBusy(): boolean {
    return this.#breakdownBusy;
  }
  /** The latest comparison computed (see `compare`). */
  get comparison(): ComparisonResult | null {
    return this.#comparison;
  }
  get compareBusy(): boolean {
    return this.#compareBusy;
  }
  /** Why a statistic could not be computed. */
  get error(): string | null {
    return this.#error;
  }

  /** Starts over for a newly loaded report (null: nothing loaded). */
  reset(source: StatsSource | null): void {
    this.#source = source;
    this.#summary = null;
    this.#breakdown = null;
    this.#comparison = null;
    this.#error = null;
  }

  /** Sends the records to the worker once per load (again if a crashed worker was replaced); the key to use. */
  #ensureSent(): string | null {
    const source = this.#source;
    if (!source) return null;
    const generation = analysis.generation;
    if (this.#sent?.key === source.key && this.#sent.generation === generation) return source.key;
    this.#sent = { key: source.key, generation };
    const { key, records, datasetId } = source;
    analysis
      .request({ type: 'report-load', key, records, ...(datasetId ? { datasetId } : {}) })
      .catch((e: unknown) => {
        if (!isAbort(e)) this.#error = `Could not prepare the report's statistics: ${message(e)}`;
      });
    return key;
  }

  #fail(e: unknown): void {
    this.#error = `Could not compute the report's statistics: ${message(e)}`;
  }

  /** Computes the summary of the rows in `mask` (null: all rows). */
  refreshSummary(mask: boolean[] | null): void {
    const key = this.#ensureSent();
    if (key === null) return;
    this.#summaryBusy = true;
    this.#summaryWait = analysis.request({ type: 'report-summary', key, mask }, 'report-summary').then(
      (answer) => {
        if (key !== this.#source?.key) return null;
        this.#summary = { mask, summary: answer.summary };
        this.#summaryBusy = false;
        this.#error = null;
        return answer.summary;
      },
      (e: unknown) => {
        // A superseded request resolves to whatever its successor computes.
        if (isAbort(e)) return this.#summaryWait;
        this.#summaryBusy = false;
        this.#fail(e);
        return null;
      },
    );
  }

  /** The summary of the rows in `mask`, once computed. */
  async summaryOf(mask: boolean[] | null): Promise<ReportSummary | null> {
    return this.#summary?.mask === mask ? this.#summary.summary : this.#summaryWait;
  }

  /** Computes the per-slice charts of `metric` and of the win rates over `slices`. */
  refreshBreakdown(metric: string | null, slices: SliceDef[]): void {
    const key = this.#ensureSent();
    if (key === null) return;
    this.#breakdownBusy = true;
    analysis.request({ type: 'report-breakdown', key, metric, slices }, 'report-breakdown').then(
      (answer) => {
        if (key !== this.#source?.key) return;
        this.#breakdown = answer.charts;
        this.#breakdownBusy = false;
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        this.#breakdownBusy = false;
        this.#fail(e);
      },
    );
  }

  /** Compares two score sources (by key) row by row, unless that comparison is already shown. */
  compare(a: string, b: string): void {
    const c = this.#comparison;
    if (c?.a === a && c.b === b) return;
    const key = this.#ensureSent();
    if (key === null) return;
    this.#compareBusy = true;
    analysis.request({ type: 'report-compare', key, a, b }, 'report-compare').then(
      (answer) => {
        if (key !== this.#source?.key) return;
        this.#comparison = { a, b, result: answer.comparison };
        this.#compareBusy = false;
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        this.#compareBusy = false;
        this.#fail(e);
      },
    );
  }
}
