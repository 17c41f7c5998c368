// Perplexity runs in the app: loads models in the model worker, scores the open dataset's rows, persists per-row
// results through perplexity-store.ts (runs/rowScores keyed by a signature of model, revision, dtype and options)
// so a reload resumes without recomputing finished rows, and keeps the browser's model cache in view.
import { contentHash } from '../core/hash';
import type { Row } from '../core/types';
import { getDb } from '../db/instance';
import type { RowScoreRecord } from '../db/records';
import { ModelClient, createModelWorker } from '../model/client';
import type { Dtype, ModelSource, ScoreOptions } from '../model/protocol';
import { RowResultCollector, toStats, type PerplexitySettings, type PplRowValue } from '../model/row-results';
import { planItems, runSignature, type RunSettings } from '../model/run-plan';
import { finishRun, loadRowValues, loadSavedRuns, startRun, type ModelResults } from './perplexity-store';
import { workspace } from './workspace.svelte';

const CACHE_NAME = 'transformers-cache';

/** The model picked for slot A or B. */
export interface ModelPick {
  source: ModelSource;
  /** Stable id for signatures ('files:<folder>' for picked folders). */
  id: string;
  revision: string;
}

function modelsPath(): string {
  return new URL('models/', document.baseURI).pathname;
}

export class PerplexityState {
  settings = $state<PerplexitySettings>({
    device: 'auto',
    dtype: '',
    mode: 'text',
    field: 'reference',
    contextField: '',
    maxLength: 512,
    stride: 256,
    batchSize: 4,
    addBos: false,
    chatTemplate: false,
  });
  modelA = $state.raw<ModelPick | null>({
    source: { kind: 'bundled', id: 'demo-bigram' },
    id: 'demo-bigram',
    revision: 'main',
  });
  modelB = $state.raw<ModelPick | null>(null);

  #status = $state<'idle' | 'loading' | 'scoring' | 'done' | 'cancelled' | 'error'>('idle');
  #downloads = $state.raw<Record<string, { loaded: number; total: number; status: string }>>({});
  #progress = $state.raw<{
    itemsDone: number;
    itemsTotal: number;
    tokensPerSecond: number;
    model: string;
  } | null>(null);
  #notes = $state.raw<string[]>([]);
  #error = $state<string | null>(null);
  #results = $state.raw<ModelResults[]>([]);
  #cacheBytes = $state<number | null>(null);
  #client: ModelClient | null = null;
  #activeScore: number | null = null;
  #cancelRequested = false;

  get status() {
    return this.#status;
  }
  get downloads() {
    return this.#downloads;
  }
  get progress() {
    return this.#progress;
  }
  get notes() {
    return this.#notes;
  }
  get error() {
    return this.#error;
  }
  get results() {
    return this.#results;
  }
  get cacheBytes() {
    return this.#cacheBytes;
  }
  get busy() {
    return this.#status === 'loading' || this.#status === 'scoring';
  }

  #clientOrNew(): ModelClient {
    this.#client ??= new ModelClient(() => createModelWorker(modelsPath()));
    return this.#client;
  }

  #runSettings(pick: ModelPick, dtype: Dtype): RunSettings {
    const s = this.settings;
    const options: ScoreOptions = {
      maxLength: s.maxLength,
      stride: s.stride,
      batchSize: s.batchSize,
      addBos: s.addBos,
      chatTemplate: s.chatTemplate,
    };
    return {
      modelId: pick.id,
      revision: pick.revision,
      dtype,
      mode: s.mode,
      field: s.field,
      contextField: s.contextField,
      options,
    };
  }

  /** Runs model A (and B when set) over the open dataset, resuming finished rows. */
  async run(): Promise<void> {
    const dataset = workspace.dataset;
    const project = workspace.project;
    if (!dataset || !project || this.busy) return;
    this.#error = null;
    this.#notes = [];
    this.#cancelRequested = false;
    const picks = [this.modelA, this.modelB].filter((p): p is ModelPick => p !== null);
    const results: ModelResults[] = [];
    try {
      for (const [slot, pick] of picks.entries()) {
        if (this.#cancelRequested) break;
        results.push(
          await this.#runOne(pick, slot === 0 ? 'A' : 'B', project.id, dataset.id, dataset.contentHash),
        );
        this.#results = [...results];
      }
      this.#status = this.#cancelRequested ? 'cancelled' : 'done';
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      this.#status = 'error';
    }
  }

  async #runOne(
    pick: ModelPick,
    slot: string,
    projectId: string,
    datasetId: string,
    datasetHash: string,
  ): Promise<ModelResults> {
    const client = this.#clientOrNew();
    const rows = workspace.rows;
    this.#status = 'loading';
    this.#downloads = {};
    const loaded = await client.load(
      slot,
      pick.source,
      this.settings.device,
      this.settings.dtype || undefined,
      (p) => {
        this.#downloads = {
          ...this.#downloads,
          [p.file]: { loaded: p.loaded, total: p.total, status: p.status },
        };
      },
    );
    const label = `${slot}: ${pick.id}`;
    this.#notes = [...this.#notes, `${label} runs on ${loaded.device.toUpperCase()} (${loaded.dtype})`];
    if (loaded.fallbackNote) this.#notes = [...this.#notes, loaded.fallbackNote];
    const rs = this.#runSettings(pick, loaded.dtype);
    const signature = runSignature(rs);
    const runId = `ppl-${contentHash(`${datasetId}|${datasetHash}|${signature}`)}`;
    const db = getDb();
    const { values, savedIdx } = await loadRowValues(db, runId, rows);
    await startRun(db, { runId, projectId, datasetId, datasetHash }, rs, signature, {
      device: loaded.device,
      label,
    });
    const { items } = planItems(rows, rs, savedIdx);
    if (savedIdx.length > 0) {
      this.#notes = [
        ...this.#notes,
        `${label}: ${savedIdx.length} rows reused from the saved run, ${items.length} items to score`,
      ];
    }
    this.#status = 'scoring';
    const collector = new RowResultCollector(rows, rs.field);
    const toStore: RowScoreRecord[] = [];
    const handle = client.score(slot, items, rs.options, (m) => {
      if (m.type === 'progress') {
        const seconds = Math.max(1e-3, m.elapsedMs / 1000);
        this.#progress = {
          itemsDone: m.itemsDone,
          itemsTotal: m.itemsTotal,
          tokensPerSecond: m.tokensScored / seconds,
          model: label,
        };
        return;
      }
      if (m.fallbackNote) this.#notes = [...this.#notes, m.fallbackNote];
      for (const { rowIdx, row, value } of collector.add(m.results)) {
        values[rowIdx] = value;
        toStore.push({ runId, rowIdx, rowId: row.id, value: { ...value } });
      }
      if (toStore.length > 0) void db.rowScores.bulkPut(toStore.splice(0));
      this.#results = [
        ...this.#results.filter((x) => x.runId !== runId),
        { label, runId, signature, device: loaded.device, values: [...values] },
      ];
    });
    this.#activeScore = handle.id;
    const final = await handle.done;
    this.#activeScore = null;
    await finishRun(db, runId, values, final.cancelled);
    return { label, runId, signature, device: final.device, values };
  }

  /** Stops the current run between batches; finished rows stay saved. */
  cancel(): void {
    this.#cancelRequested = true;
    if (this.#activeScore !== null) this.#client?.cancel(this.#activeScore);
  }

  /** Shows saved perplexity runs of the open dataset (after a reload). */
  async restore(): Promise<void> {
    const dataset = workspace.dataset;
    if (!dataset || this.busy) return;
    this.#results = await loadSavedRuns(getDb(), dataset, workspace.rows);
  }

  /** Per-token NLLs and text pieces of one row under model A, for the surprisal view. */
  async inspect(row: Row): Promise<{ pieces: string[]; nll: number[] } | null> {
    const pick = this.modelA;
    if (!pick || this.busy) return null;
    const client = this.#clientOrNew();
    await client.load('A', pick.source, this.settings.device, this.settings.dtype || undefined);
    const rs = this.#runSettings(pick, 'fp32');
    const { items } = planItems([row], { ...rs, mode: 'text' });
    const item = items[0];
    if (!item) return null;
    let detail: { pieces: string[]; nll: number[] } | null = null;
    const h = client.score('A', [{ ...item, detail: true }], rs.options, (m) => {
      if (m.type === 'scored') detail = m.results[0]?.detail ?? detail;
    });
    await h.done;
    return detail;
  }

  /** Size of the browser's model cache (hub downloads). */
  async refreshCacheSize(): Promise<void> {
    if (typeof caches === 'undefined') return;
    const cache = await caches.open(CACHE_NAME);
    let total = 0;
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      const len = Number(res?.headers.get('content-length') ?? NaN);
      total += Number.isFinite(len) ? len : ((await res?.blob())?.size ?? 0);
    }
    this.#cacheBytes = total;
  }

  /** Deletes every cached model download. */
  async clearCache(): Promise<void> {
    if (typeof caches === 'undefined') return;
    await caches.delete(CACHE_NAME);
    await this.refreshCacheSize();
  }
}

export const perplexity = new PerplexityState();

export { toStats };
export type { ModelResults, PerplexitySettings, PplRowValue };
