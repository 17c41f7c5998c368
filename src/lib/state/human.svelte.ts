// Human evaluation state: the dataset's sessions, the open session's annotations, the annotator, the guidelines.
// Every answer is committed to IndexedDB before the page moves on, so closing the tab never loses a choice.
import { getDb } from '../db/instance';
import type { AnnotationRecord, AnnotationSessionRecord } from '../db/records';
import { annotationId } from '../ratings/annotations';
import type { PairwiseChoice } from '../ratings/types';
import {
  firstOpenIndex,
  orderItems,
  responseOrder,
  selectRows,
  sidesFor,
  itemSeed,
  type SessionConfig,
} from '../ratings/session';
import { workspace } from './workspace.svelte';
import {
  datasetAnnotations,
  exportSessions,
  importAnnotationFile,
  listSessions,
  loadAnnotator,
  loadGuidelines,
  putAnnotation,
  saveAnnotator,
  saveGuidelines,
  sessionAnnotations,
  sessionConfig,
  type ImportReport,
} from './human-store.svelte';

/** What a new session needs from the setup form. */
export type NewSession = Omit<SessionConfig, 'rowIds'> & { name: string };

/** Extra fields of an answer. */
export interface AnswerExtras {
  comment?: string;
  flagged?: boolean;
}

export class HumanEval {
  #sessions = $state.raw<AnnotationSessionRecord[]>([]);
  #session = $state.raw<AnnotationSessionRecord | null>(null);
  #annotations = $state.raw<AnnotationRecord[]>([]);
  #datasetPairwise = $state.raw<AnnotationRecord[]>([]);
  #annotator = $state('');
  #guidelines = $state('');
  #error = $state<string | null>(null);
  #loadedFor = '';
  /** When the current item appeared, for time per item. */
  #shownAt = Date.now();

  get sessions(): AnnotationSessionRecord[] {
    return this.#sessions;
  }
  get session(): AnnotationSessionRecord | null {
    return this.#session;
  }
  get config(): SessionConfig | null {
    return this.#session ? sessionConfig(this.#session) : null;
  }
  /** Every annotation of the open session, all annotators. */
  get annotations(): AnnotationRecord[] {
    return this.#annotations;
  }
  /** Pairwise annotations of every session on this dataset (Bradley–Terry input). */
  get datasetPairwise(): AnnotationRecord[] {
    return this.#datasetPairwise;
  }
  get annotator(): string {
    return this.#annotator;
  }
  get guidelines(): string {
    return this.#guidelines;
  }
  get error(): string | null {
    return this.#error;
  }
  /** This annotator's answers in the open session. */
  get mine(): AnnotationRecord[] {
    return this.#annotations.filter((a) => a.annotator === this.#annotator);
  }
  /** Position of the first item this annotator has not answered (resume point). */
  get position(): number {
    const cfg = this.config;
    if (!cfg) return 0;
    return firstOpenIndex(
      cfg.rowIds,
      this.mine.map((a) => a.rowId),
    );
  }
  get currentRowId(): string | null {
    return this.config?.rowIds[this.position] ?? null;
  }
  /** Sides of the current pairwise item. */
  get sides(): { left: string; right: string } | null {
    const cfg = this.config;
    const id = this.currentRowId;
    if (!cfg || !id || cfg.kind !== 'pairwise') return null;
    return sidesFor([cfg.systems[0] ?? '', cfg.systems[1] ?? ''], cfg.seed, id);
  }
  /** Blind order of systems for the current Likert item. */
  get order(): string[] {
    const cfg = this.config;
    const id = this.currentRowId;
    return cfg && id ? responseOrder(cfg.systems, cfg.seed, id) : [];
  }

  /** Loads sessions, annotator and guidelines for the open dataset (once per dataset). */
  async load(force = false): Promise<void> {
    const dataset = workspace.dataset;
    const project = workspace.project;
    if (!dataset || !project) return;
    if (!force && this.#loadedFor === dataset.id) return;
    this.#loadedFor = dataset.id;
    const db = getDb();
    this.#annotator = await loadAnnotator(db);
    this.#guidelines = await loadGuidelines(db, project.id);
    this.#sessions = await listSessions(db, dataset.id);
    const keep = this.#sessions.find((s) => s.id === this.#session?.id) ?? this.#sessions.at(-1) ?? null;
    await this.open(keep?.id ?? null);
  }

  /** Opens a session (null closes). */
  async open(sessionId: string | null): Promise<void> {
    const db = getDb();
    this.#session = this.#sessions.find((s) => s.id === sessionId) ?? null;
    this.#annotations = this.#session ? await sessionAnnotations(db, this.#session.id) : [];
    const dataset = workspace.dataset;
    this.#datasetPairwise = dataset
      ? (await datasetAnnotations(db, dataset.id)).filter((a) => a.kind === 'pairwise')
      : [];
    this.#shownAt = Date.now();
  }

  async setAnnotator(name: string): Promise<void> {
    this.#annotator = name.trim();
    await saveAnnotator(getDb(), this.#annotator);
    this.#shownAt = Date.now();
  }

  async setGuidelines(text: string): Promise<void> {
    const project = workspace.project;
    if (!project) return;
    this.#guidelines = text;
    await saveGuidelines(getDb(), project.id, text);
  }

  /** Creates a session over the selected rows (order fixed by the seed) and opens it. */
  async create(input: NewSession): Promise<void> {
    const dataset = workspace.dataset;
    if (!dataset) return;
    const { name, ...rest } = input;
    const rowIds = orderItems(selectRows(workspace.rows, rest.selection, rest.systems), rest.seed);
    if (rowIds.length === 0) {
      this.#error = 'No rows match this selection (rows need a response from every chosen system).';
      return;
    }
    this.#error = null;
    const config: SessionConfig = { ...rest, rowIds };
    const record: AnnotationSessionRecord = {
      id: `hs-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      projectId: dataset.projectId,
      datasetId: dataset.id,
      kind: rest.kind,
      name,
      config: config as unknown as Record<string, unknown>,
      createdAt: Date.now(),
    };
    await getDb().annotationSessions.put(record);
    this.#sessions = [...this.#sessions, record];
    await this.open(record.id);
  }

  async #write(rowId: string, value: Record<string, unknown>, extras: AnswerExtras): Promise<void> {
    const s = this.#session;
    if (!s || !this.#annotator) return;
    const now = Date.now();
    const record: AnnotationRecord = {
      id: annotationId(s.id, this.#annotator, rowId),
      sessionId: s.id,
      projectId: s.projectId,
      datasetId: s.datasetId,
      rowId,
      annotator: this.#annotator,
      kind: s.kind,
      value,
      createdAt: now,
      durationMs: now - this.#shownAt,
    };
    if (extras.comment) record.comment = extras.comment;
    if (extras.flagged) record.flagged = true;
    try {
      await putAnnotation(getDb(), record);
    } catch (e) {
      this.#error = `Could not save the answer: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    this.#annotations = [...this.#annotations.filter((a) => a.id !== record.id), record];
    if (s.kind === 'pairwise')
      this.#datasetPairwise = [...this.#datasetPairwise.filter((a) => a.id !== record.id), record];
    this.#shownAt = Date.now();
  }

  /** Records a pairwise choice (or a skip) for the current item, with the sides shown and the seed. */
  async choose(choice: PairwiseChoice, extras: AnswerExtras = {}): Promise<void> {
    const cfg = this.config;
    const rowId = this.currentRowId;
    const sides = this.sides;
    if (!cfg || !rowId || !sides) return;
    await this.#write(
      rowId,
      { choice, ...sides, seed: cfg.seed, itemSeed: itemSeed(cfg.seed, rowId) },
      extras,
    );
  }

  /** Records Likert scores (system → dimension → score) for the current item, or a skip when `scores` is null. */
  async rate(
    scores: Record<string, Record<string, number>> | null,
    extras: AnswerExtras = {},
  ): Promise<void> {
    const cfg = this.config;
    const rowId = this.currentRowId;
    if (!cfg || !rowId) return;
    const value = scores
      ? { scores, order: this.order, seed: cfg.seed }
      : { skipped: true, order: this.order, seed: cfg.seed };
    await this.#write(rowId, value, extras);
  }

  /** Removes this annotator's most recent answer, which makes that item current again. */
  async undo(): Promise<AnnotationRecord | null> {
    const last = this.mine.reduce<AnnotationRecord | null>(
      (m, a) => (!m || a.createdAt >= m.createdAt ? a : m),
      null,
    );
    if (!last) return null;
    await getDb().annotations.delete(last.id);
    this.#annotations = this.#annotations.filter((a) => a.id !== last.id);
    this.#datasetPairwise = this.#datasetPairwise.filter((a) => a.id !== last.id);
    this.#shownAt = Date.now();
    return last;
  }

  /** The open session (with every annotator's answers) as an annotation file. */
  async exportFile(): Promise<string | null> {
    const dataset = workspace.dataset;
    const s = this.#session;
    if (!dataset || !s) return null;
    return exportSessions(getDb(), dataset, [s], this.#annotator, this.#guidelines);
  }

  /** Imports another annotator's file into this dataset and reloads. */
  async importFile(text: string): Promise<ImportReport | null> {
    const dataset = workspace.dataset;
    if (!dataset) return null;
    const report = await importAnnotationFile(getDb(), dataset, text);
    if (report.guidelines && !this.#guidelines) await this.setGuidelines(report.guidelines);
    const current = this.#session?.id;
    this.#sessions = await listSessions(getDb(), dataset.id);
    const firstImported = report.conflicts[0]?.sessionId;
    await this.open(current ?? firstImported ?? this.#sessions.at(-1)?.id ?? null);
    return report;
  }
}

/** The app's human-evaluation state. */
export const human = new HumanEval();
