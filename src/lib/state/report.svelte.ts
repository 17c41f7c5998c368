// The report of the open project: loads its records, derives the summary for the chosen slice, and exports.
import { getDb } from '../db/instance';
import { workspace } from './workspace.svelte';
import { loadProjectRecords } from './report-io.svelte';
import type { BundleRecords, RedactionInfo } from '../report/bundle/types';
import { bundleToGzip, createBundle } from '../report/bundle/encode';
import { redactRecords, isRedacting } from '../report/redact';
import { buildReportData, type ReportData } from '../report/model';
import { buildSummary, type ReportSummary } from '../report/summary';
import { sliceLabel, sliceMask, type SliceDef } from '../report/slices';
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

/** Report state: records of the open project, slice, metric in focus, derived data and summary. */
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
  #summary = $derived.by((): ReportSummary | null =>
    this.#data ? buildSummary(this.#data, this.#mask.mask) : null,
  );

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
  get summary(): ReportSummary | null {
    return this.#summary;
  }
  /** The metric the charts focus on (first available by default). */
  get metric(): string | null {
    const names = this.#data ? metricNames(this.#data) : [];
    return this.#metric !== null && names.includes(this.#metric) ? this.#metric : (names[0] ?? null);
  }

  setSlice(def: SliceDef): void {
    this.#slice = def;
  }
  setMetric(metric: string): void {
    this.#metric = metric;
  }

  /** Loads the open project's records from the database. */
  async load(): Promise<void> {
    const project = workspace.project;
    if (!project) {
      this.#records = null;
      this.#data = null;
      return;
    }
    this.#loading = true;
    try {
      const records = await loadProjectRecords(getDb(), project.id);
      this.#records = records;
      this.#data = records ? buildReportData(records, workspace.dataset?.id) : null;
      this.#error = null;
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

  /** Downloads the summary (of the current slice) as JSON. */
  exportSummary(): void {
    const summary = this.#summary;
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
