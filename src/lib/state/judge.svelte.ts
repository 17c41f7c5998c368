// The judge page's state: connection settings (never the key — that is judge-key), prices, rubric versions and the
// draft being edited, runs and the selected run's judgments, human annotations for agreement, and the estimate.
import { getDb } from '../db/instance';
import type { AnnotationRecord, JudgeRunRecord, JudgmentRecord, RubricRecord } from '../db/records';
import { analyseRun, compareRuns, type RunAnalysis } from '../judge/analysis';
import { DEFAULT_PRICES, priceFor, type Estimate, type PriceTable } from '../judge/cost';
import type { JudgeSpec } from '../judge/plan';
import { testConnection, type ConnectionReport } from '../judge/providers/connection';
import { BUILTIN_TEMPLATES, type RubricTemplate } from '../judge/templates';
import type { JudgeParams, ProviderKind } from '../judge/types';
import { activeOrigins, addOrigin, isAllowed } from './csp';
import {
  draftFrom,
  draftProblems,
  draftScale,
  estimateDraft,
  runLabel,
  unchangedVersion,
  type RubricDraft,
  type TokenCounter,
} from './judge-draft';
import { continuePlan, needsConfirmation, type ContinueKind, type ContinuePlan } from './judge-continue';
import { endpointOrigin, keys, type KeyMode } from './judge-key.svelte';
import { jobsOf, specOf } from './judge-run-plan';
import { runner, type InFlightChoice } from './judge-run.svelte';
import {
  cachedKeys,
  listRubrics,
  listRuns,
  PRICES_KEY,
  readSetting,
  runJudgments,
  saveRubricVersion,
  SETTINGS_KEY,
  writeSetting,
  type SavedSettings,
} from './judge-store.svelte';
import { workspace } from './workspace.svelte';

/** State of the judge page. */
export class JudgeState {
  provider = $state<ProviderKind>('openai');
  baseUrl = $state('');
  model = $state('gpt-4o-mini');
  params = $state<JudgeParams>({ temperature: 0, maxTokens: 512, logprobs: false, structured: false });
  concurrency = $state(4);
  prices = $state.raw<PriceTable>({ ...DEFAULT_PRICES });
  draft = $state<RubricDraft>(
    draftFrom(BUILTIN_TEMPLATES[0] ?? { id: '', name: '', mode: 'single', template: '' }),
  );
  rubrics = $state.raw<RubricRecord[]>([]);
  runs = $state.raw<JudgeRunRecord[]>([]);
  selectedRunId = $state<string | null>(null);
  compareRunId = $state<string | null>(null);
  judgments = $state.raw<JudgmentRecord[]>([]);
  compareJudgments = $state.raw<JudgmentRecord[]>([]);
  annotations = $state.raw<AnnotationRecord[]>([]);
  connection = $state<ConnectionReport | null>(null);
  testing = $state(false);
  reloadNeeded = $state<string | null>(null);
  /** A continuation waiting for the user to confirm its endpoint or choose what to do with in-flight calls. */
  pendingContinue = $state.raw<ContinuePlan | null>(null);
  #countTokens = $state<TokenCounter | null>(null);

  constructor() {
    runner.onChange = () => void this.refreshSelected();
  }

  /** The selected run. */
  get selectedRun(): JudgeRunRecord | null {
    return this.runs.find((r) => r.id === this.selectedRunId) ?? null;
  }

  /** The judge spec of the current settings. */
  get spec(): JudgeSpec {
    return {
      provider: this.provider,
      baseUrl: this.baseUrl.trim(),
      model: this.model.trim(),
      params: { ...this.params },
    };
  }

  /** Problems with the draft rubric. */
  get draftProblems(): string[] {
    return draftProblems(this.draft);
  }

  /** Whether the current endpoint is allowed by the page's CSP. */
  get endpointAllowed(): boolean {
    const url = this.baseUrl.trim();
    return url === '' || isAllowed(url, activeOrigins());
  }

  /** Loads settings, rubric versions, runs and annotations for the open dataset. */
  async load(): Promise<void> {
    const db = getDb();
    const saved = await readSetting<SavedSettings>(db, SETTINGS_KEY);
    if (saved) {
      this.provider = saved.provider;
      this.baseUrl = saved.baseUrl;
      this.model = saved.model;
      this.params = { ...this.params, ...saved.params };
      this.concurrency = saved.concurrency;
    }
    const prices = await readSetting<PriceTable>(db, PRICES_KEY);
    if (prices) this.prices = prices;
    await this.refreshLists();
    void import('gpt-tokenizer/encoding/o200k_base').then((m) => {
      this.#countTokens = { fn: (t: string) => m.countTokens(t), name: 'gpt-tokenizer o200k_base' };
    });
  }

  /** Re-reads rubrics, runs and annotations. */
  async refreshLists(): Promise<void> {
    const db = getDb();
    const project = workspace.project;
    const dataset = workspace.dataset;
    this.rubrics = project ? await listRubrics(db, project.id) : [];
    this.runs = dataset ? await listRuns(db, dataset.id) : [];
    this.annotations = dataset ? await db.annotations.where('datasetId').equals(dataset.id).toArray() : [];
    if (!this.selectedRunId && this.runs[0]) this.selectedRunId = this.runs[0].id;
    await this.refreshSelected();
  }

  /** Re-reads the selected and compared runs' judgments. */
  async refreshSelected(): Promise<void> {
    const db = getDb();
    const dataset = workspace.dataset;
    if (dataset) this.runs = await listRuns(db, dataset.id);
    this.judgments = this.selectedRunId ? await runJudgments(db, this.selectedRunId) : [];
    this.compareJudgments = this.compareRunId ? await runJudgments(db, this.compareRunId) : [];
  }

  /** Saves connection settings (the key is never part of them). */
  async saveSettings(): Promise<void> {
    const s: SavedSettings = {
      provider: this.provider,
      baseUrl: this.baseUrl,
      model: this.model,
      params: { ...this.params },
      concurrency: this.concurrency,
    };
    await writeSetting(getDb(), SETTINGS_KEY, s);
    await writeSetting(getDb(), PRICES_KEY, this.prices);
  }

  /** Allows the base URL's origin in the CSP; a reload is needed when it was not allowed yet. */
  allowEndpoint(): void {
    const r = addOrigin(this.baseUrl);
    this.reloadNeeded = r.needsReload ? r.origin : null;
  }

  /** Sends one tiny request and explains the outcome. */
  async test(): Promise<void> {
    this.testing = true;
    try {
      this.connection = await testConnection(
        {
          kind: this.provider,
          baseUrl: this.baseUrl.trim(),
          model: this.model.trim(),
          apiKey: keys.keyFor(this.provider, this.baseUrl),
        },
        { allowed: this.endpointAllowed },
      );
    } finally {
      this.testing = false;
    }
  }

  /** Loads a built-in template or a saved version into the editor. */
  useTemplate(t: RubricTemplate | RubricRecord): void {
    this.draft = draftFrom(t);
  }

  /** Saves the draft as a new version (or returns the identical latest version). */
  async saveDraft(): Promise<RubricRecord | null> {
    const project = workspace.project;
    if (!project || this.draftProblems.length) return null;
    const d = this.draft;
    const scale = draftScale(d);
    const latest = unchangedVersion(this.rubrics, d);
    if (latest) return latest;
    const rec = await saveRubricVersion(getDb(), {
      projectId: project.id,
      name: d.name,
      template: d.template,
      mode: d.mode,
      ...(scale ? { scale } : {}),
    });
    await this.refreshLists();
    return rec;
  }

  /** Pre-flight estimate for a run of the draft over some rows. */
  estimate(systems: string[], repeats: number, bothOrders: boolean, rowIds?: string[]): Estimate {
    return estimateDraft(
      this.draft,
      this.spec,
      workspace.rows,
      { systems, repeats, bothOrders, rowIds },
      priceFor(this.prices, this.model.trim()),
      this.#countTokens,
    );
  }

  /** Saves the draft and starts a run of it. */
  async start(opts: {
    systems: string[];
    repeats: number;
    bothOrders: boolean;
    rowIds?: string[];
    budgetUsd: number | null;
    purpose: 'try' | 'full';
  }): Promise<void> {
    const project = workspace.project;
    const dataset = workspace.dataset;
    if (!project || !dataset) return;
    // Component state arrives as proxies, which IndexedDB cannot clone.
    opts = $state.snapshot(opts);
    const rubric = await this.saveDraft();
    if (!rubric) return;
    await this.saveSettings();
    const runPromise = runner.start(
      {
        projectId: project.id,
        datasetId: dataset.id,
        rubric,
        judge: this.spec,
        systems: opts.systems,
        repeats: opts.repeats,
        bothOrders: opts.bothOrders,
        concurrency: this.concurrency,
        ...(opts.rowIds ? { rowIds: opts.rowIds } : {}),
        budgetUsd: opts.budgetUsd,
        price: priceFor(this.prices, this.model.trim()),
        purpose: opts.purpose,
      },
      workspace.rows,
    );
    // Select the new run as soon as it exists, so results fill in live.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never rendered
    const before = new Set(this.runs.map((r) => r.id));
    const poll = setInterval(() => {
      void listRuns(getDb(), dataset.id).then((runs) => {
        const fresh = runs.find((r) => !before.has(r.id));
        if (fresh) {
          this.selectedRunId = fresh.id;
          clearInterval(poll);
          void this.refreshSelected();
        }
      });
    }, 100);
    const id = await runPromise;
    clearInterval(poll);
    if (id) this.selectedRunId = id;
    await this.refreshLists();
  }

  #rubricOf(run: JudgeRunRecord): RubricRecord | undefined {
    return this.rubrics.find((r) => r.id === run.rubricId);
  }

  /**
   * Resume, retry failed, or re-ask unparsed on the selected run. Goes ahead at once only for the user's own run,
   * with a key for its origin and nothing in flight; otherwise the plan waits in `pendingContinue` for a choice.
   */
  async continueSelected(what: ContinueKind): Promise<void> {
    const run = this.selectedRun;
    const rubric = run ? this.#rubricOf(run) : undefined;
    if (!run || !rubric) return;
    const judgments = await runJudgments(getDb(), run.id);
    const cached = await cachedKeys(
      getDb(),
      judgments.filter((j) => j.inFlightAt !== undefined).map((j) => j.cacheKey),
    );
    const plan = continuePlan(what, run, rubric, workspace.rows, judgments, cached, this.#countTokens?.fn);
    const spec = specOf(run);
    if (needsConfirmation(plan) || keys.boundElsewhere(spec.provider, spec.baseUrl)) {
      this.pendingContinue = plan;
      return;
    }
    await this.#continue(what, run, rubric, 'resend');
  }

  /** Goes ahead with the waiting continuation; a key typed in the dialog is bound to the run's own origin. */
  async confirmContinue(choice: {
    inFlight: InFlightChoice;
    key?: string;
    keyMode?: KeyMode;
  }): Promise<void> {
    const plan = this.pendingContinue;
    const run = plan ? this.runs.find((r) => r.id === plan.runId) : undefined;
    const rubric = run ? this.#rubricOf(run) : undefined;
    this.pendingContinue = null;
    if (!plan || !run || !rubric) return;
    if (choice.key) keys.set(plan.provider, choice.key, plan.endpoint, choice.keyMode);
    await this.#continue(plan.what, run, rubric, choice.inFlight);
  }

  /** Drops the waiting continuation: nothing is sent. */
  cancelContinue(): void {
    this.pendingContinue = null;
  }

  /** The origin of an endpoint (for the dialog's key field). */
  originOf(plan: ContinuePlan): string {
    return endpointOrigin(plan.provider, plan.endpoint);
  }

  async #continue(
    what: ContinueKind,
    run: JudgeRunRecord,
    rubric: RubricRecord,
    inFlight: InFlightChoice,
  ): Promise<void> {
    if (what === 'resume') await runner.resume(run, rubric, workspace.rows, inFlight);
    else if (what === 'retry-failed') await runner.retryFailed(run, rubric, workspace.rows);
    else await runner.reaskUnparsed(run, rubric, workspace.rows);
    await this.refreshLists();
  }

  /** Jobs of the selected run still pending (for the Resume button). */
  get pendingCount(): number {
    return this.judgments.filter((j) => j.status === 'pending').length;
  }

  /** The selected run's analysis. */
  get analysis(): RunAnalysis | null {
    const run = this.selectedRun;
    if (!run) return null;
    return analyseRun(
      { mode: run.mode, systems: run.systems, bothOrders: run.params.bothOrders !== false },
      this.judgments,
      workspace.rows,
      this.annotations,
    );
  }

  /** Side-by-side comparison of the selected run with another. */
  get comparison(): ReturnType<typeof compareRuns> | null {
    return this.compareRunId && this.selectedRunId
      ? compareRuns(this.judgments, this.compareJudgments)
      : null;
  }

  /** A label for a run: rubric name and version, model, purpose. */
  runLabel(run: JudgeRunRecord): string {
    return runLabel(run, this.#rubricOf(run));
  }

  /** Re-plans a run to count its jobs (used to show progress of a resumed run). */
  jobCount(run: JudgeRunRecord): number {
    const rubric = this.#rubricOf(run);
    return rubric ? jobsOf(run, rubric, workspace.rows).length : 0;
  }
}

export const judge = new JudgeState();
