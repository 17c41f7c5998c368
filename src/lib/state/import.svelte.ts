// The import flow, shared by the start screen (new project) and the data view (join another model's outputs):
// preview → mapping → streaming import (progress, cancel) → validation report → commit, or discard.
import { isAbort } from '../core/errors';
import type { LineError, Row } from '../core/types';
import { zeroRowsReason } from '../dataset/detect-format';
import { badLinesText, errorsToJsonl, isFatal } from '../dataset/line-errors';
import { createRowMapper } from '../dataset/row-mapper';
import type { FieldMapping } from '../dataset/types';
import type { ImportProgress, ImportSummary } from '../dataset-import/pipeline';
import type { JoinReport, PreviewResult } from '../dataset-import/protocol';
import { commitImport, discardStaged } from '../db/datasets';
import { getDb } from '../db/instance';
import { newProject } from '../db/projects';
import type { DatasetRecord } from '../db/records';
import { isQuotaError } from '../db/storage';
import { belongsInReport } from '../report/interop/route';
import { resultsFormatOfFile } from './file-route';
import { cancel, send, type Running } from './import-worker';
import { share } from './share.svelte';
import { projects } from './projects.svelte';
import { router } from './router.svelte';
import { storageInfo } from './storage.svelte';
import { workspace } from './workspace.svelte';

export type ImportPhase =
  'idle' | 'reading' | 'mapping' | 'importing' | 'review' | 'saving' | 'joined' | 'failed';
/** Where the imported rows go. */
export type ImportTarget = { kind: 'new-project' } | { kind: 'join'; projectId: string; datasetId: string };

/** What the preview table shows: the sampled records mapped with the current mapping. */
export interface MappedPreview {
  rows: Row[];
  errors: LineError[];
  systems: string[];
  /** Share of the sampled records that map to a row (no error drops them). */
  share: number;
  /** When no sampled record maps: one sentence saying why and what to change. */
  reason: string | null;
}

const stem = (name: string): string => name.replace(/\.[^.]+$/, '') || name;

/** One import at a time, from file choice to the stored dataset. */
export class ImportFlow {
  #phase = $state<ImportPhase>('idle');
  #target = $state.raw<ImportTarget>({ kind: 'new-project' });
  #file = $state.raw<File | null>(null);
  #preview = $state.raw<PreviewResult | null>(null);
  #progress = $state.raw<ImportProgress | null>(null);
  #summary = $state.raw<ImportSummary | null>(null);
  #joinReport = $state.raw<JoinReport | null>(null);
  #error = $state<string | null>(null);
  #running: Running | null = null;
  #staged: { datasetId: string; projectId: string } | null = null;

  /** The editable mapping (deep state: the mapping editor binds into it). */
  mapping = $state<FieldMapping | null>(null);
  /** Name of the project to create (new-project imports). */
  projectName = $state('');
  /** How a join matches rows. */
  joinBy = $state<'id' | 'prompt'>('id');

  /** The sample re-mapped on every mapping edit (200 records: cheap enough for the page). */
  readonly mapped: MappedPreview = $derived.by(() => {
    const preview = this.#preview;
    if (!preview || !this.mapping) return { rows: [], errors: [], systems: [], share: 0, reason: null };
    const mapping = $state.snapshot(this.mapping);
    const mapper = createRowMapper(mapping);
    const first = mapper.push(preview.records);
    const last = mapper.finish();
    const errors = [...preview.errors, ...first.errors, ...last.errors].sort((a, b) => a.line - b.line);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local count, not reactive state
    const failed = new Set(errors.filter(isFatal).map((e) => e.line)).size;
    const total = preview.records.length;
    const share = total === 0 ? 0 : Math.max(0, total - failed) / total;
    const rows = [...first.rows, ...last.rows];
    const firstFatal = errors.find(isFatal)?.message ?? null;
    return {
      rows,
      errors,
      systems: mapper.systems().map((s) => s.name),
      share: rows.length === 0 ? 0 : share,
      reason: rows.length === 0 ? zeroRowsReason(mapping, firstFatal) : null,
    };
  });

  get phase(): ImportPhase {
    return this.#phase;
  }
  get target(): ImportTarget {
    return this.#target;
  }
  get fileName(): string {
    return this.#file?.name ?? '';
  }
  get preview(): PreviewResult | null {
    return this.#preview;
  }
  get progress(): ImportProgress | null {
    return this.#progress;
  }
  get summary(): ImportSummary | null {
    return this.#summary;
  }
  get joinReport(): JoinReport | null {
    return this.#joinReport;
  }
  /** A message for the user when the last step failed. */
  get error(): string | null {
    return this.#error;
  }
  /** True from the file choice until the flow is reset. */
  get active(): boolean {
    return this.#phase !== 'idle';
  }

  /** Starts a flow with a file: reads its head in the worker and proposes a mapping. */
  async choose(file: File, target: ImportTarget = { kind: 'new-project' }): Promise<void> {
    await this.reset();
    // Another tool's results (LLM Comparator, AlpacaEval annotations, promptfoo, MT-Bench judgments, a bundle) open
    // as a project of their own through the Report importer, whichever screen they were dropped on.
    if (belongsInReport(await resultsFormatOfFile(file))) {
      await share.importAny(file);
      return;
    }
    this.#target = target;
    this.#file = file;
    this.projectName = stem(file.name);
    this.#phase = 'reading';
    try {
      const run = send({ type: 'preview', file, name: file.name });
      this.#running = run;
      const res = await run.done;
      if (res.type !== 'preview' || this.#file !== file) return;
      this.#preview = res.result;
      this.mapping = structuredClone(res.result.detection.mapping);
      this.#phase = 'mapping';
    } catch (e) {
      this.#fail(e);
    } finally {
      this.#running = null;
    }
  }

  /** Fetches a bundled sample and starts a flow with it. */
  async chooseSample(url: string, name: string): Promise<void> {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`Could not load the sample ${name} (HTTP ${res.status}).`);
      await this.choose(new File([await res.blob()], name));
    } catch (e) {
      this.#fail(e);
    }
  }

  /** Streams the whole file with the current mapping. Valid rows are staged; the report decides what is kept. */
  async start(): Promise<void> {
    const file = this.#file;
    const preview = this.#preview;
    if (!file || !preview || !this.mapping || this.#phase !== 'mapping') return;
    const mapping = $state.snapshot(this.mapping);
    this.#error = null;
    this.#progress = { bytesRead: 0, totalBytes: file.size, rows: 0, errors: 0 };
    this.#phase = 'importing';
    const onProgress = (p: ImportProgress) => (this.#progress = p);
    try {
      if (this.#target.kind === 'join') {
        const { datasetId } = this.#target;
        const run = send(
          { type: 'join', file, kind: preview.kind, mapping, datasetId, by: this.joinBy, source: file.name },
          onProgress,
        );
        this.#running = run;
        const res = await run.done;
        if (res.type !== 'joined') return;
        this.#joinReport = res.report;
        this.#phase = 'joined';
        await workspace.refresh();
        return;
      }
      const ids = { datasetId: crypto.randomUUID(), projectId: crypto.randomUUID() };
      this.#staged = ids;
      const run = send(
        { type: 'import', file, kind: preview.kind, mapping, ...ids, source: file.name },
        onProgress,
      );
      this.#running = run;
      const res = await run.done;
      if (res.type !== 'staged') return;
      this.#summary = res.summary;
      if (res.summary.errorCount === 0) await this.commit();
      else this.#phase = 'review';
    } catch (e) {
      this.#staged = null;
      if (isAbort(e)) this.#phase = 'mapping';
      else this.#fail(e);
    } finally {
      this.#running = null;
      void storageInfo.refresh();
    }
  }

  /** After a failure, returns to the mapping screen with the same file (e.g. to rename a clashing system). */
  back(): void {
    if (this.#phase !== 'failed' || !this.#preview || !this.mapping) return;
    this.#error = null;
    this.#phase = 'mapping';
  }

  /** Stops a running preview or import; the worker removes whatever it had written. */
  cancel(): void {
    if (this.#running) cancel(this.#running.id);
  }

  /** Keeps the staged valid rows: creates the project and dataset in one transaction and opens them. */
  async commit(): Promise<void> {
    const staged = this.#staged;
    const summary = this.#summary;
    const file = this.#file;
    if (!staged || !summary || !file || !this.mapping) return;
    this.#phase = 'saving';
    const now = Date.now();
    const project = { ...newProject(this.projectName || stem(file.name), now), id: staged.projectId };
    const dataset: DatasetRecord = {
      id: staged.datasetId,
      projectId: project.id,
      name: file.name,
      format: this.mapping.format,
      rowCount: summary.rowCount,
      contentHash: summary.contentHash,
      systems: summary.systems,
      tags: summary.tags,
      mapping: $state.snapshot(this.mapping) as unknown as Record<string, unknown>,
      createdAt: now,
      updatedAt: now,
      source: file.name,
    };
    try {
      await commitImport(getDb(), dataset, project);
      this.#staged = null;
      const opening = workspace.open(project.id, dataset.id);
      void projects.load();
      await this.reset();
      router.go('data');
      await opening;
    } catch (e) {
      await this.discard();
      this.#fail(e);
    }
  }

  /** Drops the staged rows (the user rejected the validation report). */
  async discard(): Promise<void> {
    const staged = this.#staged;
    this.#staged = null;
    if (staged) await discardStaged(getDb(), staged.datasetId);
    if (this.#phase === 'review') this.#phase = 'mapping';
  }

  /** Ends the flow, discarding anything staged. */
  async reset(): Promise<void> {
    this.cancel();
    await this.discard();
    this.#phase = 'idle';
    this.#file = null;
    this.#preview = null;
    this.#progress = null;
    this.#summary = null;
    this.#joinReport = null;
    this.#error = null;
    this.mapping = null;
  }

  /** The raw text of every skipped line, for "download bad lines". */
  badLines(): string {
    return badLinesText(this.#summary?.errors ?? this.#joinReport?.errors ?? this.mapped.errors);
  }
  /** The whole validation report as JSONL. */
  reportJsonl(): string {
    const s = this.#summary ?? this.#joinReport;
    return errorsToJsonl(s ? [...s.errors, ...s.warnings] : this.mapped.errors);
  }

  #fail(e: unknown): void {
    if (isAbort(e)) return;
    this.#error = e instanceof Error ? e.message : String(e);
    if (isQuotaError(e)) void storageInfo.refresh();
    this.#phase = 'failed';
  }
}

export const importFlow = new ImportFlow();

/** Sample datasets bundled from static/ (emitted with the build, fetched relative to the page). The hostile
 *  sample exists for the safety tests and the docs; it is not offered as a starting point. */
export const samples: { name: string; url: string }[] = Object.entries(
  import.meta.glob<string>(['/static/*.{jsonl,json,csv}', '!/static/hostile.jsonl'], {
    query: '?url',
    import: 'default',
    eager: true,
  }),
)
  .map(([path, url]) => ({ name: path.split('/').pop() ?? path, url }))
  .sort((a, b) => a.name.localeCompare(b.name));
