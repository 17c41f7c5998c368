// The Metrics view's state: settings (persisted), runs in the metrics worker with progress and cancel, results
// stored in IndexedDB with their signature and the dataset's content hash, and reuse of stored runs.
import { getDb } from '../db/instance';
import {
  DEFAULT_STATS,
  defaultMetricsConfig,
  expectedSignature,
  onlyMetric,
  selectMetrics,
  toJobRows,
  type FullMetricsConfig,
} from '../metrics/run/plan';
import type { CompareJob } from '../metrics/run/paired';
import type { MetricsRequest, MetricsResponse } from '../metrics/run/protocol';
import type { JobRow, MetricName, PairedResult, StatsConfig } from '../metrics/run/types';
import { findStoredRun, loadStoredResult, storeResult, type ShownResult } from './metrics-store';
import { workspace } from './workspace.svelte';

export { findStoredRun, loadStoredResult, storeResult };
export type { ShownResult };

const SETTINGS_KEY = 'metrics-settings';

interface Pending {
  resolve(m: MetricsResponse): void;
}

export class MetricsState {
  /** Settings of every metric (deep state: the form binds to it). */
  config = $state<FullMetricsConfig>(defaultMetricsConfig());
  enabled = $state<MetricName[]>(['bleu', 'chrf', 'rouge', 'exact_match']);
  stats = $state<StatsConfig>({ ...DEFAULT_STATS });
  #results = $state.raw<ShownResult[]>([]);
  #paired = $state.raw<PairedResult[]>([]);
  #progress = $state.raw<{ done: number; total: number; phase: string } | null>(null);
  #busy = $state<'idle' | 'scoring' | 'comparing'>('idle');
  #error = $state<string | null>(null);
  #computed = $state(0);
  #worker: Worker | null = null;
  // Plain bookkeeping, never rendered: the built-in Map is deliberate.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #pending = new Map<string, Pending>();
  #current: string | null = null;
  #seq = 0;

  get results(): ShownResult[] {
    return this.#results;
  }
  get paired(): PairedResult[] {
    return this.#paired;
  }
  get progress(): { done: number; total: number; phase: string } | null {
    return this.#progress;
  }
  get busy(): 'idle' | 'scoring' | 'comparing' {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }
  /** How many (metric, system) results the last run computed (the rest came from storage). */
  get computed(): number {
    return this.#computed;
  }

  /** The signature each enabled metric will carry for `system` on the open dataset. */
  signatureFor(metric: MetricName, rows: readonly JobRow[], system: string): string {
    try {
      return expectedSignature($state.snapshot(this.config) as FullMetricsConfig, metric, rows, system);
    } catch (e) {
      return e instanceof Error ? `invalid: ${e.message}` : 'invalid';
    }
  }

  /** Restores saved settings, then shows stored results for them (nothing is computed). */
  async restore(): Promise<void> {
    const saved = (await getDb().settings.get(SETTINGS_KEY))?.value as
      { config?: FullMetricsConfig; enabled?: MetricName[]; stats?: StatsConfig } | undefined;
    if (saved?.config) this.config = { ...defaultMetricsConfig(), ...saved.config };
    if (saved?.enabled) this.enabled = saved.enabled;
    if (saved?.stats) this.stats = saved.stats;
    await this.run({ computeMissing: false });
  }

  #worker_(): Worker {
    if (!this.#worker) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a module URL for Vite, not state
      this.#worker = new Worker(new URL('../../workers/metrics.worker.ts', import.meta.url), {
        type: 'module',
      });
      this.#worker.onmessage = (e: MessageEvent<MetricsResponse>) => {
        const m = e.data;
        if (m.type === 'progress') {
          if (m.id === this.#current) this.#progress = { done: m.done, total: m.total, phase: m.phase };
          return;
        }
        this.#pending.get(m.id)?.resolve(m);
        this.#pending.delete(m.id);
      };
    }
    return this.#worker;
  }

  #ask(req: MetricsRequest): Promise<MetricsResponse> {
    return new Promise((resolve) => {
      this.#pending.set(req.id, { resolve });
      this.#current = req.id;
      this.#worker_().postMessage(req);
    });
  }

  /** Stops the running job; it answers 'cancelled' and nothing is stored. */
  cancel(): void {
    if (this.#current)
      this.#worker?.postMessage({ type: 'cancel', id: this.#current } satisfies MetricsRequest);
  }

  /**
   * Shows every enabled metric for every system: stored runs with the same inputs are reused; the rest are
   * computed in the worker (unless `computeMissing` is false) and stored.
   */
  async run(opts: { computeMissing?: boolean } = {}): Promise<void> {
    const dataset = workspace.dataset;
    if (!dataset || this.#busy !== 'idle') return;
    this.#error = null;
    this.#paired = [];
    const db = getDb();
    const config = $state.snapshot(this.config) as FullMetricsConfig;
    const enabled = [...this.enabled];
    const stats = $state.snapshot(this.stats) as StatsConfig;
    const systems = dataset.systems.map((s) => s.name);
    const rows = toJobRows(workspace.rows);
    const shown: ShownResult[] = [];
    const missing: [MetricName, string[]][] = [];
    this.#busy = 'scoring';
    try {
      // Remembered when the user runs them, not when a view merely shows stored results (opening a shared project
      // must not rewrite the user's settings).
      if (opts.computeMissing !== false)
        await db.settings.put({ key: SETTINGS_KEY, value: { config, enabled, stats } });
      for (const metric of enabled) {
        for (const system of systems) {
          const sig = expectedSignature(config, metric, rows, system);
          const run = await findStoredRun(db, dataset, metric, system, sig, stats);
          if (run) shown.push(await loadStoredResult(db, run, rows));
          else {
            const entry = missing.find(([m]) => m === metric);
            if (entry) entry[1].push(system);
            else missing.push([metric, [system]]);
          }
        }
      }
      let computed = 0;
      if (opts.computeMissing !== false) {
        for (const [metric, missingSystems] of missing) {
          const job = {
            rows,
            systems: missingSystems,
            config: onlyMetric(selectMetrics(config, enabled), metric),
            stats,
          };
          const answer = await this.#ask({ type: 'score', id: `score-${++this.#seq}`, job });
          if (answer.type === 'cancelled') break;
          if (answer.type === 'error') throw new Error(answer.message);
          if (answer.type !== 'scored') continue;
          for (const result of answer.results) {
            const runId = await storeResult(db, dataset, result, rows, { config: job.config, stats });
            shown.push({ ...result, runId, fromStorage: false });
            computed++;
          }
        }
      }
      this.#computed = computed;
      this.#results = shown;
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    } finally {
      this.#busy = 'idle';
      this.#progress = null;
      this.#current = null;
    }
  }

  /** Paired bootstrap and approximate randomization of `system` against `baseline` on one metric. */
  async compare(metric: MetricName, baseline: string, system: string): Promise<void> {
    const a = this.#results.find((r) => r.metric === metric && r.system === baseline);
    const b = this.#results.find((r) => r.metric === metric && r.system === system);
    if (!a || !b || this.#busy !== 'idle') return;
    this.#error = null;
    this.#busy = 'comparing';
    try {
      const config = selectMetrics($state.snapshot(this.config) as FullMetricsConfig, [metric]);
      const job: CompareJob = {
        config,
        metric,
        baseline: { system: baseline, perRow: a.perRow },
        systems: [{ system, perRow: b.perRow }],
        stats: $state.snapshot(this.stats) as StatsConfig,
      };
      const answer = await this.#ask({ type: 'compare', id: `compare-${++this.#seq}`, job });
      if (answer.type === 'compared') this.#paired = answer.results;
      else if (answer.type === 'error') this.#error = answer.message;
    } finally {
      this.#busy = 'idle';
      this.#progress = null;
      this.#current = null;
    }
  }
}

export const metrics = new MetricsState();
