// The report of the open project: loads its records, has the summary of the chosen slice computed, and exports.
import { getDb } from '../db/instance';
import { workspace } from './workspace.svelte';
import { loadProjectRecords } from './report-io.svelte';
import type { BundleRecords, RedactionInfo } from '../report/bundle/types';
import { bundleToGzip, createBundle } from '../report/bundle/encode';
import { redactRecords, isRedacting } from '../report/redact';
import { buildReportData, type ReportData } from '../report/model';
import type { ReportSummary } from '../report/summary';
import { sliceLabel, sliceMask, suggestSlices, type SliceDef } from '../report/slices';
import { ReportStats } from './report-stats.svelte';
import { resultRows, summaryJson, toCsv, toJsonl } from '../report/exports';
import { metricNames } from '../report/charts';
import { toLlmComparator } from '../report/interop/llm-comparator';
import { slugify } from '../ui/charts/format';

/** Saves bytes or text as a file through a temporary link. */
export function downloadFile(name: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/** How many suggested slices the per-slice charts show beside "All rows". */
const BREAKDOWN_SLICES = 8;

/**
 * Report state: records of the open project, slice, metric in focus and derived data; the statistics themselves
 * are computed off the main thread (report-stats.svelte.ts) and read through the getters below.
 */
export class ReportState {
  #records = $state.raw<BundleRecords | null>(null);
  #data = $state.raw<ReportData | null>(null);
  #loading = $state(false);
  #error = $state<string | null>(null);
  #slice = $state.raw<SliceDef>({ kind: 'all' });
  #metric = $state<string | null>(null);
  #mask = $derived.by(() => {
    const data = this.#data;
    if (!data || this.#slice.kind === 'all') return { mask: null, error: null };
    const m = sliceMask(data.rows, this.#slice);
    return m.ok ? { mask: m.value, error: null } : { mask: null, error: m.error };
  });
  #suggestions = $derived(this.#data ? suggestSlices(this.#data.rows) : []);
  #loads = 0;
  readonly #stats = new ReportStats();

  get records(): BundleRecords | null {
    return this.#records;
  }
  get data(): ReportData | null {
    return this.#data;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }
  get slice(): SliceDef {
    return this.#slice;
  }
  /** The slice's row mask (null = all rows, or the slice is invalid). */
  get mask(): boolean[] | null {
    return this.#mask.mask;
  }
  /** Why the slice could not be applied (a bad regular expression). */
  get sliceError(): string | null {
    return this.#mask.error;
  }
  /** Rows in the slice. */
  get rows(): number {
    const mask = this.#mask.mask;
    return mask ? mask.filter(Boolean).length : (this.#data?.rows.length ?? 0);
  }
  /** Slices suggested by the data (tags, categories, length buckets). */
  get suggestions(): SliceDef[] {
    return this.#suggestions;
  }
  /** Summary, per-slice charts and comparison, computed in the analysis worker. */
  get stats(): ReportStats {
    return this.#stats;
  }
  /** The latest summary computed (of the current slice unless `stats.summaryBusy`). */
  get summary(): ReportSummary | null {
    return this.#stats.summary;
  }
  /** The metric the charts focus on (first available by default). */
  get metric(): string | null {
    const names = this.#data ? metricNames(this.#data) : [];
    return this.#metric !== null && names.includes(this.#metric) ? this.#metric : (names[0] ?? null);
  }

  setSlice(def: SliceDef): void {
    this.#slice = def;
    this.#stats.refreshSummary(this.mask);
  }
  setMetric(metric: string): void {
    const before = this.metric;
    this.#metric = metric;
    if (this.metric !== before) this.#refreshBreakdown();
  }

  #refreshBreakdown(): void {
    const slices: SliceDef[] = [{ kind: 'all' }, ...this.#suggestions.slice(0, BREAKDOWN_SLICES)];
    this.#stats.refreshBreakdown(this.metric, slices);
  }

  /** Loads the open project's records from the database, then has its statistics computed. */
  async load(): Promise<void> {
    const project = workspace.project;
    if (!project) {
      this.#records = null;
      this.#data = null;
      this.#stats.reset(null);
      return;
    }
    this.#loading = true;
    try {
      const records = await loadProjectRecords(getDb(), project.id);
      const datasetId = workspace.dataset?.id;
      this.#records = records;
      this.#data = records ? buildReportData(records, datasetId) : null;
      this.#error = null;
      this.#stats.reset(
        records && this.#data ? { key: `report-${++this.#loads}`, records, datasetId } : null,
      );
      this.#stats.refreshSummary(this.mask);
      this.#refreshBreakdown();
    } catch (e) {
      this.#error = `Could not read the project: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.#loading = false;
    }
  }

  #name(ext: string): string {
    return `${slugify(this.#records?.project.name ?? 'project')}${ext}`;
  }

  /** Downloads the whole project as a compressed bundle, optionally redacted. */
  exportBundle(redaction: RedactionInfo): void {
    if (!this.#records) return;
    const redacting = isRedacting(redaction);
    const bundle = createBundle(redacting ? redactRecords(this.#records, redaction) : this.#records, {
      generator: 'Yardstick 0.1.0',
      ...(redacting ? { redaction } : {}),
    });
    downloadFile(this.#name('.yardstick.json.gz'), bundleToGzip(bundle), 'application/gzip');
  }

  /** Downloads per-row results (of the current slice) as CSV or JSONL. */
  exportRows(format: 'csv' | 'jsonl'): void {
    if (!this.#data) return;
    const { columns, rows } = resultRows(this.#data, this.mask);
    if (format === 'csv') downloadFile(this.#name('-rows.csv'), toCsv(columns, rows), 'text/csv');
    else downloadFile(this.#name('-rows.jsonl'), toJsonl(rows), 'application/x-ndjson');
  }

  /** Downloads the two systems side by side as an LLM Comparator file (with the judge or human scores). */
  exportLlmComparator(): void {
    if (!this.#data) return;
    const file = toLlmComparator(this.#data, this.#records?.project.name ?? 'yardstick');
    downloadFile(this.#name('-llm-comparator.json'), JSON.stringify(file), 'application/json');
  }

  /** Downloads the summary (of the current slice, once computed) as JSON. */
  async exportSummary(): Promise<void> {
    const summary = await this.#stats.summaryOf(this.mask);
    if (!summary || !this.#records) return;
    const text = summaryJson(summary, {
      project: this.#records.project.name,
      dataset: workspace.dataset?.name ?? '',
      slice: sliceLabel(this.#slice),
      exportedAt: Date.now(),
    });
    downloadFile(this.#name('-summary.json'), text, 'application/json');
  }
}

export const report = new ReportState();
