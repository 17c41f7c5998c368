// Writing a bundle restore() (src/lib/report/bundle/restore.ts) accepted into the database, all-or-nothing. Every
// project that comes from outside enters through here. Runs in the analysis worker (its own Dexie connection to the
// same database), so the page never structured-clones or writes tens of thousands of records itself.
import type { ProjectBundle } from '../report/bundle/types';
import { recordsOf, remapIds } from '../report/bundle/remap';
import { deleteProject } from './projects';
import { putRows } from './rows';
import type { YardstickDb } from './schema';

/** How a restored bundle becomes a project here. */
export interface WriteOptions {
  /**
   * 'shared' (a ?bundle= or #share link, the demo): ids derived from the bundle's checksum, so opening the same
   * link again replaces the earlier copy instead of piling up duplicates. 'copy' (a file import): fresh ids, so a
   * project can be imported next to its original.
   */
  mode: 'shared' | 'copy';
  readOnly: boolean;
  /** Name prefix for the imported project, e.g. "Shared: ". */
  namePrefix?: string;
}

/** Writes a bundle restore() accepted into the database in one transaction; returns the new project id. */
export async function writeRestored(
  db: YardstickDb,
  bundle: ProjectBundle,
  options: WriteOptions,
): Promise<string> {
  const makeId =
    options.mode === 'shared'
      ? (old: string, kind: string) => `${kind === 'project' ? 'shared' : kind}-${bundle.checksum}-${old}`
      : () => crypto.randomUUID();
  const records = remapIds(recordsOf(bundle), makeId);
  const now = Date.now();
  const { readOnly: _was, ...rest } = records.project;
  const project = {
    ...rest,
    name: `${options.namePrefix ?? ''}${records.project.name}`,
    updatedAt: now,
    ...(options.readOnly ? { readOnly: true } : {}),
  };
  await db.transaction('rw', db.tables, async () => {
    if (await db.projects.get(project.id)) await deleteProject(db, project.id);
    // Every table's writes are queued at once, not one after another: IndexedDB runs a transaction's requests in
    // order anyway, and awaiting each bulkAdd before issuing the next only adds a round trip per table. Any failure
    // rejects the scope, and Dexie aborts the whole transaction.
    await Promise.all([
      db.projects.add(project),
      db.datasets.bulkAdd(records.datasets),
      // restore() checked that every row belongs to one of the bundle's datasets.
      ...records.datasets.map((d) =>
        putRows(
          db,
          d.id,
          records.rows.filter((r) => r.datasetId === d.id),
        ),
      ),
      db.runs.bulkAdd(records.runs),
      db.rowScores.bulkAdd(records.rowScores),
      db.annotationSessions.bulkAdd(records.annotationSessions),
      db.annotations.bulkAdd(records.annotations),
      db.rubrics.bulkAdd(records.rubrics),
      // The endpoint of a run from outside was chosen by the bundle's author: marked, so it is never used unasked.
      db.judgeRuns.bulkAdd(records.judgeRuns.map((r) => ({ ...r, importedAt: now }))),
      db.judgments.bulkAdd(records.judgments),
    ]);
  });
  return project.id;
}
