// Repository functions for human evaluation. They take the database as a parameter so tests pass a fake-indexeddb
// instance; the rune class in human.svelte.ts is the only caller in the app. Nothing here is reactive, so plain
// Set and Date are right (svelte/prefer-svelte-reactivity is off for this file).
/* eslint-disable svelte/prefer-svelte-reactivity */
import type { YardstickDb } from '../db/schema';
import type { AnnotationRecord, AnnotationSessionRecord, DatasetRecord } from '../db/records';
import { loadRowIds } from '../db/rows';
import type { AnnotationLike } from '../ratings/annotations';
import { parseAnnotationFile, writeAnnotationFile, type FileSession } from '../ratings/annotation-file';
import { mergeAnnotations, type MergeConflict } from '../ratings/merge';
import type { SessionConfig } from '../ratings/session';
import type { LineError } from '../core/types';

const ANNOTATOR_KEY = 'human.annotator';
const guidelinesKey = (projectId: string) => `human.guidelines:${projectId}`;

/** Sessions of a dataset, oldest first. */
export async function listSessions(db: YardstickDb, datasetId: string): Promise<AnnotationSessionRecord[]> {
  return db.annotationSessions.where('datasetId').equals(datasetId).sortBy('createdAt');
}

/** Every annotation of a session (all annotators). */
export async function sessionAnnotations(db: YardstickDb, sessionId: string): Promise<AnnotationRecord[]> {
  return db.annotations.where('sessionId').equals(sessionId).toArray();
}

/** Every annotation of a dataset (for Bradley–Terry across sessions). */
export async function datasetAnnotations(db: YardstickDb, datasetId: string): Promise<AnnotationRecord[]> {
  return db.annotations.where('datasetId').equals(datasetId).toArray();
}

/** Saved annotator name ('' when none). Names are not secrets. */
export async function loadAnnotator(db: YardstickDb): Promise<string> {
  const s = await db.settings.get(ANNOTATOR_KEY);
  return typeof s?.value === 'string' ? s.value : '';
}

/** Saves the annotator name. */
export async function saveAnnotator(db: YardstickDb, name: string): Promise<void> {
  await db.settings.put({ key: ANNOTATOR_KEY, value: name });
}

/** The project's annotation guidelines ('' when none). */
export async function loadGuidelines(db: YardstickDb, projectId: string): Promise<string> {
  const s = await db.settings.get(guidelinesKey(projectId));
  return typeof s?.value === 'string' ? s.value : '';
}

/** Saves the project's annotation guidelines. */
export async function saveGuidelines(db: YardstickDb, projectId: string, text: string): Promise<void> {
  await db.settings.put({ key: guidelinesKey(projectId), value: text });
}

/** Writes one annotation; resolves once IndexedDB has committed it. */
export async function putAnnotation(db: YardstickDb, record: AnnotationRecord): Promise<void> {
  await db.annotations.put(record);
}

/** The config of a session record, typed. */
export function sessionConfig(s: AnnotationSessionRecord): SessionConfig {
  return s.config as unknown as SessionConfig;
}

/** An annotation file holding the given sessions and every annotation of them. */
export async function exportSessions(
  db: YardstickDb,
  dataset: DatasetRecord,
  sessions: readonly AnnotationSessionRecord[],
  exportedBy: string,
  guidelines: string,
): Promise<string> {
  const all: AnnotationLike[] = [];
  for (const s of sessions) all.push(...(await sessionAnnotations(db, s.id)));
  const fileSessions: FileSession[] = sessions.map((s) => ({
    id: s.id,
    kind: s.kind,
    name: s.name,
    config: sessionConfig(s),
    createdAt: s.createdAt,
    ...(guidelines ? { guidelines } : {}),
  }));
  return writeAnnotationFile(
    {
      exportedAt: new Date().toISOString(),
      exportedBy,
      dataset: { name: dataset.name, contentHash: dataset.contentHash },
      sessions: fileSessions,
    },
    all,
  );
}

/** What an import did. */
export interface ImportReport {
  added: number;
  duplicates: number;
  conflicts: MergeConflict[];
  annotators: string[];
  sessionsCreated: number;
  errors: LineError[];
  warnings: string[];
  /** Guidelines carried by the file (adopted when the project had none). */
  guidelines: string | null;
}

/**
 * Imports an annotation file into a dataset: creates sessions it does not have, merges annotations (duplicates
 * skipped, conflicts reported, other annotators kept), all in one transaction so a failure writes nothing.
 */
export async function importAnnotationFile(
  db: YardstickDb,
  dataset: DatasetRecord,
  text: string,
): Promise<ImportReport> {
  const parsed = parseAnnotationFile(text);
  const report: ImportReport = {
    added: 0,
    duplicates: 0,
    conflicts: [],
    annotators: [],
    sessionsCreated: 0,
    errors: [...parsed.errors],
    warnings: [...parsed.warnings],
    guidelines: null,
  };
  const header = parsed.header;
  if (!header) return report;
  if (header.dataset.contentHash !== dataset.contentHash)
    report.warnings.push(
      `The file was made on dataset "${header.dataset.name}", whose content differs from "${dataset.name}"; only items whose ids exist here are imported.`,
    );
  report.guidelines = header.sessions.find((s) => s.guidelines)?.guidelines ?? null;
  const rowIds = new Set(await loadRowIds(db, dataset.id));
  await db.transaction('rw', db.annotationSessions, db.annotations, async () => {
    const known = new Set<string>();
    for (const s of header.sessions) {
      const existing = await db.annotationSessions.get(s.id);
      if (existing && existing.datasetId !== dataset.id) {
        report.warnings.push(
          `Session "${s.name}" belongs to another dataset here; its annotations were not imported.`,
        );
        continue;
      }
      if (existing && sessionConfig(existing).systems.join('\u0000') !== s.config.systems.join('\u0000')) {
        report.warnings.push(
          `Session "${s.name}" compares different systems here; its annotations were not imported.`,
        );
        continue;
      }
      if (!existing) {
        await db.annotationSessions.put({
          id: s.id,
          projectId: dataset.projectId,
          datasetId: dataset.id,
          kind: s.kind,
          name: s.name,
          config: s.config as unknown as Record<string, unknown>,
          createdAt: s.createdAt,
        });
        report.sessionsCreated++;
      }
      known.add(s.id);
    }
    const incoming = parsed.annotations.filter((a) => known.has(a.sessionId));
    const missing = incoming.filter((a) => !rowIds.has(a.rowId));
    if (missing.length > 0)
      report.warnings.push(
        `${missing.length} annotation(s) refer to items not in this dataset and were skipped.`,
      );
    const usable = incoming.filter((a) => rowIds.has(a.rowId));
    const existing: AnnotationLike[] = [];
    for (const id of known) existing.push(...(await sessionAnnotations(db, id)));
    const merged = mergeAnnotations(existing, usable);
    await db.annotations.bulkPut(
      merged.toWrite.map((a) => ({ ...a, projectId: dataset.projectId, datasetId: dataset.id })),
    );
    report.added = merged.added;
    report.duplicates = merged.duplicates;
    report.conflicts = merged.conflicts;
    report.annotators = merged.annotators;
  });
  return report;
}
