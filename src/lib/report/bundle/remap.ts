// Fresh ids for an imported copy, so importing a project next to its original (or twice) never overwrites one.
import type { BundleRecords } from './types';

/** Rewrites every record id and every reference to it with `makeId(oldId)`, consistently across tables. */
export function remapIds(b: BundleRecords, makeId: (old: string, kind: string) => string): BundleRecords {
  const maps = new Map<string, Map<string, string>>();
  const id = (kind: string, old: string): string => {
    let m = maps.get(kind);
    if (!m) maps.set(kind, (m = new Map()));
    let v = m.get(old);
    if (v === undefined) m.set(old, (v = makeId(old, kind)));
    return v;
  };
  const pid = id('project', b.project.id);
  return {
    project: { ...b.project, id: pid },
    datasets: b.datasets.map((d) => ({ ...d, id: id('dataset', d.id), projectId: pid })),
    rows: b.rows.map((r) => ({ ...r, datasetId: id('dataset', r.datasetId) })),
    runs: b.runs.map((r) => ({
      ...r,
      id: id('run', r.id),
      projectId: pid,
      datasetId: id('dataset', r.datasetId),
    })),
    rowScores: b.rowScores.map((s) => ({ ...s, runId: id('run', s.runId) })),
    annotationSessions: b.annotationSessions.map((s) => ({
      ...s,
      id: id('session', s.id),
      projectId: pid,
      datasetId: id('dataset', s.datasetId),
    })),
    annotations: b.annotations.map((a) => ({
      ...a,
      id: id('annotation', a.id),
      sessionId: id('session', a.sessionId),
      projectId: pid,
      datasetId: id('dataset', a.datasetId),
    })),
    rubrics: b.rubrics.map((r) => ({ ...r, id: id('rubric', r.id), projectId: pid })),
    judgeRuns: b.judgeRuns.map((r) => ({
      ...r,
      id: id('judgeRun', r.id),
      projectId: pid,
      datasetId: id('dataset', r.datasetId),
      rubricId: id('rubric', r.rubricId),
    })),
    judgments: b.judgments.map((j) => {
      const runId = id('judgeRun', j.runId);
      // A judgment's id is `${runId}|${jobId}` (judge-run-plan's judgmentId): kept that way, so the run resumes.
      const own = j.id.startsWith(`${j.runId}|`);
      return { ...j, id: own ? `${runId}${j.id.slice(j.runId.length)}` : id('judgment', j.id), runId };
    }),
  };
}

/** The records part of a bundle (drops the envelope). */
export function recordsOf(b: BundleRecords): BundleRecords {
  return {
    project: b.project,
    datasets: b.datasets,
    rows: b.rows,
    runs: b.runs,
    rowScores: b.rowScores,
    annotationSessions: b.annotationSessions,
    annotations: b.annotations,
    rubrics: b.rubrics,
    judgeRuns: b.judgeRuns,
    judgments: b.judgments,
  };
}
