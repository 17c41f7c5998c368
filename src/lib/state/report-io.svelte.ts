// Reading a whole project out of IndexedDB and writing a restored one in, all-or-nothing. Every project that comes
// from outside enters through writeRestored(), after restore() (src/lib/report/bundle/restore.ts) has accepted it.
import type { YardstickDb } from '../db/schema';
import { deleteProject } from '../db/projects';
import { loadDatasetRows, putRows } from '../db/rows';
import type { BundleRecords, ProjectBundle } from '../report/bundle/types';
import { recordsOf, remapIds } from '../report/bundle/remap';

/** Every record of one project, table by table (the input of a bundle). */
export async function loadProjectRecords(db: YardstickDb, projectId: string): Promise<BundleRecords | null> {
  return db.transaction(
    'r',
    [
      db.projects,
      db.datasets,
      db.rowPages,
      db.runs,
      db.rowScores,
      db.annotationSessions,
      db.annotations,
      db.rubrics,
      db.judgeRuns,
      db.judgments,
    ],
    async () => {
      const project = await db.projects.get(projectId);
      if (!project) return null;
      const datasets = await db.datasets.where('projectId').equals(projectId).sortBy('createdAt');
      // The bundle keeps its flat list of rows; the stored layout is the row repository's business.
      const rows = (await Promise.all(datasets.map((d) => loadDatasetRows(db, d.id)))).flat();
      const runs = await db.runs.where('projectId').equals(projectId).toArray();
      const rowScores = runs.length
        ? await db.rowScores
            .where('runId')
            .anyOf(runs.map((r) => r.id))
            .toArray()
        : [];
      const judgeRuns = await db.judgeRuns.where('projectId').equals(projectId).toArray();
      const judgments = judgeRuns.length
        ? await db.judgments
            .where('runId')
            .anyOf(judgeRuns.map((r) => r.id))
            .toArray()
        : [];
      return {
        project,
        datasets,
        rows,
        runs,
        rowScores,
        annotationSessions: await db.annotationSessions.where('projectId').equals(projectId).toArray(),
        annotations: await db.annotations.where('projectId').equals(projectId).toArray(),
        rubrics: await db.rubrics.where('projectId').equals(projectId).toArray(),
        judgeRuns,
        judgments,
      };
    },
  );
}

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
    await db.projects.add(project);
    await db.datasets.bulkAdd(records.datasets);
    // restore() checked that every row belongs to one of the bundle's datasets.
    for (const d of records.datasets)
      await putRows(
        db,
        d.id,
        records.rows.filter((r) => r.datasetId === d.id),
      );
    await db.runs.bulkAdd(records.runs);
    await db.rowScores.bulkAdd(records.rowScores);
    await db.annotationSessions.bulkAdd(records.annotationSessions);
    await db.annotations.bulkAdd(records.annotations);
    await db.rubrics.bulkAdd(records.rubrics);
    await db.judgeRuns.bulkAdd(records.judgeRuns);
    await db.judgments.bulkAdd(records.judgments);
  });
  return project.id;
}
