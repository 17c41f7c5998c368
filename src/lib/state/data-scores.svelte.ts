// Score columns and sorting of the Data view: which stored runs apply to the open dataset, the columns the user
// chose (remembered per dataset in the settings table, with the sort), and each chosen column's per-row numbers,
// read once into a Float64Array indexed by row idx.
import type { DatasetRecord } from '../db/records';
import { getDb } from '../db/instance';
import { listScoreRuns, loadRunScores } from '../db/scores';
import type { ScoreColumn } from '../ui/data-columns';
import { nextSort, type SortDirection, type SortSpec } from '../ui/sort-order';
import { columnValue, scoreColumnsFor, type ScoreColumnSpec } from './score-columns';

/** Settings key of a dataset's table layout. */
export const tableSettingsKey = (datasetId: string): string => `data-table:${datasetId}`;

/** What is remembered per dataset. */
interface TableSettings {
  columns: string[];
  sort: SortSpec | null;
}

/** Validates a stored settings value (anything may be in IndexedDB after an older version or a bad import). */
function readSettings(value: unknown): TableSettings {
  const v = (value ?? {}) as { columns?: unknown; sort?: unknown };
  const columns = Array.isArray(v.columns) ? v.columns.filter((c): c is string => typeof c === 'string') : [];
  const s = v.sort as { column?: unknown; direction?: unknown } | null | undefined;
  const directions: readonly SortDirection[] = ['ascending', 'descending'];
  const direction = directions.find((d) => d === s?.direction) ?? null;
  const sort = s && typeof s.column === 'string' && direction ? { column: s.column, direction } : null;
  return { columns, sort };
}

export class DataScoresState {
  #options = $state.raw<ScoreColumnSpec[]>([]);
  #chosen = $state.raw<string[]>([]);
  #sort = $state.raw<SortSpec | null>(null);
  /** Loaded numbers by run id and value key; kept while the dataset stays open. */
  #values = $state.raw<Record<string, Float64Array>>({});
  #loading = $state(false);
  #error = $state<string | null>(null);
  #dataset: DatasetRecord | null = null;
  /** Bumped by every open(), so a slow load that lost the race drops its result. */
  #generation = 0;

  /** Columns the stored runs of the open dataset offer. */
  get options(): ScoreColumnSpec[] {
    return this.#options;
  }
  /** Ids of the chosen columns (some may have no stored run now). */
  get chosen(): string[] {
    return this.#chosen;
  }
  get sort(): SortSpec | null {
    return this.#sort;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get error(): string | null {
    return this.#error;
  }
  /** The chosen columns whose numbers are loaded, in the order they were chosen. */
  get columns(): ScoreColumn[] {
    const out: ScoreColumn[] = [];
    for (const id of this.#chosen) {
      const spec = this.#options.find((o) => o.id === id);
      const values = spec && this.#values[valuesKey(spec)];
      if (spec && values) out.push({ id, label: spec.label, title: spec.title, values, digits: spec.digits });
    }
    return out;
  }

  /** Lists the runs of `dataset`, restores its remembered columns and sort, and loads the chosen columns. */
  async open(dataset: DatasetRecord): Promise<void> {
    const generation = ++this.#generation;
    const db = getDb();
    const sameData = this.#dataset?.id === dataset.id && this.#dataset.contentHash === dataset.contentHash;
    this.#error = null;
    // A load that lost the race drops its result and never clears the flag itself.
    this.#loading = false;
    try {
      const [runs, saved] = await Promise.all([
        listScoreRuns(db, dataset),
        db.settings.get(tableSettingsKey(dataset.id)),
      ]);
      if (generation !== this.#generation) return;
      const settings = readSettings(saved?.value);
      if (!sameData) this.#values = {};
      this.#dataset = dataset;
      this.#options = scoreColumnsFor(runs);
      this.#chosen = settings.columns;
      this.#sort = settings.sort;
      await this.#loadChosen(generation);
    } catch (e) {
      if (generation === this.#generation) this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Adds or removes a column; the choice is remembered for the dataset. */
  async setColumn(id: string, on: boolean): Promise<void> {
    const without = this.#chosen.filter((c) => c !== id);
    this.#chosen = on ? [...without, id] : without;
    if (!on && this.#sort?.column === id) this.#sort = null;
    await this.#save();
    try {
      await this.#loadChosen(this.#generation);
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /** A click on a column header: ascending, then descending, then the import order. Remembered. */
  sortBy(column: string): void {
    this.#sort = nextSort(this.#sort, column);
    void this.#save();
  }

  async #save(): Promise<void> {
    if (!this.#dataset) return;
    const value: TableSettings = { columns: this.#chosen, sort: this.#sort };
    // Best effort: a full quota must not stop the table from showing the column.
    await getDb()
      .settings.put({ key: tableSettingsKey(this.#dataset.id), value })
      .catch((e: unknown) => console.warn('Could not remember the table layout', e));
  }

  /** Reads each chosen column not yet in memory (one pass over its run's row scores). */
  async #loadChosen(generation: number): Promise<void> {
    const dataset = this.#dataset;
    if (!dataset) return;
    const missing = this.#chosen
      .map((id) => this.#options.find((o) => o.id === id))
      .filter((s): s is ScoreColumnSpec => s !== undefined && !this.#values[valuesKey(s)]);
    if (missing.length === 0) return;
    this.#loading = true;
    try {
      for (const spec of missing) {
        const values = await loadRunScores(getDb(), spec.runId, dataset.rowCount, (v) =>
          columnValue(spec, v),
        );
        if (generation !== this.#generation) return;
        this.#values = { ...this.#values, [valuesKey(spec)]: values };
      }
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
  }
}

/** Cache key of a column's numbers: the run (as of its last change) that holds them and the value key read. */
function valuesKey(spec: ScoreColumnSpec): string {
  return `${spec.runId}|${spec.runUpdatedAt}|${spec.key}`;
}

export const dataScores = new DataScoresState();
