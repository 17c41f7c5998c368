// The open project and dataset, shared by every view. Rows are held as $state.raw: large, replaced, never proxied.
import { getDb } from '../db/instance';
import type { DatasetRecord, ProjectRecord, RowRecord } from '../db/records';

const CURRENT_KEY = 'current';

export class Workspace {
  #project = $state.raw<ProjectRecord | null>(null);
  #dataset = $state.raw<DatasetRecord | null>(null);
  #rows = $state.raw<RowRecord[]>([]);
  #ready = $state(false);

  get project(): ProjectRecord | null {
    return this.#project;
  }
  get dataset(): DatasetRecord | null {
    return this.#dataset;
  }
  /** Rows of the open dataset in import order. */
  get rows(): RowRecord[] {
    return this.#rows;
  }
  get ready(): boolean {
    return this.#ready;
  }

  /** Restores the last open project after a reload. */
  async restore(): Promise<void> {
    const saved = await getDb().settings.get(CURRENT_KEY);
    const value = saved?.value as { projectId?: string; datasetId?: string } | undefined;
    if (value?.projectId) await this.open(value.projectId, value.datasetId);
    this.#ready = true;
  }

  /** Opens a project and one of its datasets (the first when none is named). */
  async open(projectId: string, datasetId?: string): Promise<void> {
    const db = getDb();
    const project = await db.projects.get(projectId);
    if (!project) {
      this.close();
      return;
    }
    const datasets = await db.datasets.where('projectId').equals(projectId).sortBy('createdAt');
    const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0] ?? null;
    const rows = dataset
      ? await db.rows.where('[datasetId+idx]').between([dataset.id, -Infinity], [dataset.id, Infinity]).toArray()
      : [];
    this.#project = project;
    this.#dataset = dataset;
    this.#rows = rows;
    await db.settings.put({ key: CURRENT_KEY, value: { projectId, datasetId: dataset?.id } });
  }

  /** Re-reads the open dataset (after an import, a join or a rename). */
  async refresh(): Promise<void> {
    if (this.#project) await this.open(this.#project.id, this.#dataset?.id);
  }

  close(): void {
    this.#project = null;
    this.#dataset = null;
    this.#rows = [];
    void getDb().settings.delete(CURRENT_KEY);
  }
}

export const workspace = new Workspace();
