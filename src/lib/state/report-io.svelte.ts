// Reading a whole project out of IndexedDB. Writing a restored one in (all-or-nothing) is writeRestored() in
// src/lib/db/write-restored.ts, which the analysis worker runs; it is re-exported here for the page and tests.
import type { YardstickDb } from '../db/schema';
import { loadDatasetRows } from '../db/rows';
import type { BundleRecords } from '../report/bundle/types';

export { writeRestored, type WriteOptions } from '../db/write-restored';

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
