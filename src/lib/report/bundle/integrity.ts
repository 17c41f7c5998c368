// Cross-record checks: unique ids, every reference points at a record in the same bundle, one project owns all.
import type { BundleRecords } from './types';

/** First consistency problem of a bundle's records, or null. */
export function checkIntegrity(b: BundleRecords): string | null {
  const pid = b.project.id;
  const dup = (ids: string[], what: string): string | null => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) return `${what} id "${id}" appears twice`;
      seen.add(id);
    }
    return null;
  };
  const datasets = new Set(b.datasets.map((d) => d.id));
  const runs = new Set(b.runs.map((r) => r.id));
  const sessions = new Set(b.annotationSessions.map((s) => s.id));
  const rubrics = new Set(b.rubrics.map((r) => r.id));
  const judgeRuns = new Set(b.judgeRuns.map((r) => r.id));
  const problems = [
    dup(
      b.datasets.map((d) => d.id),
      'dataset',
    ),
    dup(
      b.runs.map((r) => r.id),
      'run',
    ),
    dup(
      b.annotationSessions.map((s) => s.id),
      'annotation session',
    ),
    dup(
      b.annotations.map((a) => a.id),
      'annotation',
    ),
    dup(
      b.rubrics.map((r) => r.id),
      'rubric',
    ),
    dup(
      b.judgeRuns.map((r) => r.id),
      'judge run',
    ),
    dup(
      b.judgments.map((j) => j.id),
      'judgment',
    ),
    dup(
      b.rows.map((r) => `${r.datasetId}#${r.idx}`),
      'row position',
    ),
    dup(
      b.rowScores.map((s) => `${s.runId}#${s.rowIdx}`),
      'row score',
    ),
  ];
  for (const p of problems) if (p) return p;
  const owned = (what: string, list: { projectId: string }[]): string | null => {
    const i = list.findIndex((r) => r.projectId !== pid);
    return i >= 0 ? `${what}[${i}] belongs to another project` : null;
  };
  const refs = (what: string, list: unknown[], field: string, known: Set<string>): string | null => {
    const i = list.findIndex((r) => !known.has((r as Record<string, string>)[field] ?? ''));
    if (i < 0) return null;
    const v = (list[i] as Record<string, string>)[field];
    return `${what}[${i}].${field} "${v}" refers to a record that is not in the file`;
  };
  const checks = [
    owned('datasets', b.datasets),
    owned('runs', b.runs),
    owned('annotationSessions', b.annotationSessions),
    owned('annotations', b.annotations),
    owned('rubrics', b.rubrics),
    owned('judgeRuns', b.judgeRuns),
    refs('rows', b.rows, 'datasetId', datasets),
    refs('runs', b.runs, 'datasetId', datasets),
    refs('rowScores', b.rowScores, 'runId', runs),
    refs('annotationSessions', b.annotationSessions, 'datasetId', datasets),
    refs('annotations', b.annotations, 'sessionId', sessions),
    refs('judgeRuns', b.judgeRuns, 'datasetId', datasets),
    refs('judgeRuns', b.judgeRuns, 'rubricId', rubrics),
    refs('judgments', b.judgments, 'runId', judgeRuns),
  ];
  for (const p of checks) if (p) return p;
  for (const d of b.datasets) {
    const n = b.rows.filter((r) => r.datasetId === d.id).length;
    if (n !== d.rowCount) return `dataset "${d.name}" says ${d.rowCount} rows but the file holds ${n}`;
  }
  return null;
}
