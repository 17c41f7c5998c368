// The open project and dataset, shared by every view. Rows are held as $state.raw: large, replaced, never proxied.
import { getDb } from '../db/instance';
import type { DatasetRecord, ProjectRecord, RowRecord } from '../db/records';
import { listDatasets, sweepStaleImports } from '../db/datasets';
import { loadRowRange, ROW_PAGE_SIZE } from '../db/rows';

const CURRENT_KEY = 'current';
/**
 * Where a read-only shared project is remembered instead: this tab's sessionStorage. Opening a share must leave
 * every IndexedDB record of the user's own work byte-identical, the "last open project" included.
 */
const SHARED_CURRENT_KEY = 'yardstick.current.shared';

type Current = { projectId?: string; datasetId?: string };

function tabStorage(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

function sharedCurrent(): Current | undefined {
  try {
    const v = JSON.parse(tabStorage()?.getItem(SHARED_CURRENT_KEY) ?? 'null') as unknown;
    return v && typeof v === 'object' ? (v as Current) : undefined;
  } catch {
    return undefined;
  }
}
/**
 * Rows read per IndexedDB request: small enough that deserialising one chunk never blocks the page for long, and
 * whole stored pages, so no page is read twice.
 */
const LOAD_CHUNK = 4 * ROW_PAGE_SIZE;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class Workspace {
  #project = $state.raw<ProjectRecord | null>(null);
  #dataset = $state.raw<DatasetRecord | null>(null);
  #datasets = $state.raw<DatasetRecord[]>([]);
  #rows = $state.raw<RowRecord[]>([]);
  #ready = $state(false);
  #loading = $state(false);
  /** Bumped by every open(), so a slow load that lost the race drops its result. */
  #generation = 0;

  get project(): ProjectRecord | null {
    return this.#project;
  }
  get dataset(): DatasetRecord | null {
    return this.#dataset;
  }
  /** Every dataset of the open project, oldest first. */
  get datasets(): DatasetRecord[] {
    return this.#datasets;
  }
  /** Rows of the open dataset in import order. */
  get rows(): RowRecord[] {
    return this.#rows;
  }
  get ready(): boolean {
    return this.#ready;
  }
  /** True while the rows of the open dataset are being read. */
  get loading(): boolean {
    return this.#loading;
  }

  /** Restores the last open project after a reload (after sweeping what interrupted imports left behind). */
  async restore(): Promise<void> {
    try {
      await sweepStaleImports(getDb());
      const saved = await getDb().settings.get(CURRENT_KEY);
      let value = saved?.value as Current | undefined;
      const shared = sharedCurrent();
      // A share this tab had open wins over the user's own last project, while it still exists.
      if (shared?.projectId && (await getDb().projects.get(shared.projectId))) value = shared;
      else tabStorage()?.removeItem(SHARED_CURRENT_KEY);
      if (value?.projectId) await this.open(value.projectId, value.datasetId);
    } finally {
      this.#ready = true;
    }
  }

  /** Opens a project and one of its datasets (the first when none is named). */
  async open(projectId: string, datasetId?: string): Promise<void> {
    const generation = ++this.#generation;
    const db = getDb();
    const project = await db.projects.get(projectId);
    if (!project) {
      this.close();
      return;
    }
    const datasets = await listDatasets(db, projectId);
    const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0] ?? null;
    if (generation !== this.#generation) return;
    // Show the project at once; the rows follow (a 100k-row dataset takes a moment to read).
    if (this.#dataset?.id !== dataset?.id) this.#rows = [];
    this.#project = project;
    this.#datasets = datasets;
    this.#dataset = dataset;
    this.#loading = true;
    try {
      const rows = dataset ? await this.#loadRows(dataset, generation) : [];
      if (generation !== this.#generation) return;
      this.#rows = rows;
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
    const current: Current = { projectId, ...(dataset ? { datasetId: dataset.id } : {}) };
    if (project.readOnly) {
      tabStorage()?.setItem(SHARED_CURRENT_KEY, JSON.stringify(current));
      return;
    }
    tabStorage()?.removeItem(SHARED_CURRENT_KEY);
    // Best effort: remembering the open project must not stop it opening (e.g. when the quota is exhausted).
    await db.settings
      .put({ key: CURRENT_KEY, value: { projectId, datasetId: dataset?.id } })
      .catch((e: unknown) => console.warn('Could not remember the open project', e));
  }

  /** Reads rows chunk by chunk, yielding between chunks so a 100k-row dataset never freezes the page. */
  async #loadRows(dataset: DatasetRecord, generation: number): Promise<RowRecord[]> {
    const rows: RowRecord[] = [];
    for (let start = 0; start < dataset.rowCount; start += LOAD_CHUNK) {
      const chunk = await loadRowRange(getDb(), dataset.id, start, start + LOAD_CHUNK);
      if (generation !== this.#generation) return rows;
      for (const r of chunk) rows.push(r);
      await nextTask();
    }
    return rows;
  }

  /** Re-reads the open dataset (after an import, a join or a rename). */
  async refresh(): Promise<void> {
    if (this.#project) await this.open(this.#project.id, this.#dataset?.id);
  }

  /** Updates the open project's record in place (after a rename elsewhere). */
  patchProject(project: ProjectRecord): void {
    if (this.#project?.id === project.id) this.#project = project;
  }

  close(): void {
    this.#generation++;
    this.#project = null;
    this.#dataset = null;
    this.#datasets = [];
    this.#rows = [];
    this.#loading = false;
    tabStorage()?.removeItem(SHARED_CURRENT_KEY);
    void getDb()
      .settings.delete(CURRENT_KEY)
      .catch(() => undefined);
  }
}

export const workspace = new Workspace();
