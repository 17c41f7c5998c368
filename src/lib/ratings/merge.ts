// Merging annotation files from several annotators without a server. The key is (session, annotator, item):
// different annotators never conflict (each keeps their own answer, which is what agreement needs); the same
// annotator answering the same item twice is a duplicate when identical and a conflict otherwise (newer kept).
import type { AnnotationLike } from './annotations';
import { sameJudgment } from './annotation-file';

/** One conflicting pair: the same annotator gave two different answers to one item. */
export interface MergeConflict {
  sessionId: string;
  annotator: string;
  rowId: string;
  kept: AnnotationLike;
  dropped: AnnotationLike;
}

/** What a merge does: annotations to write, and what it noticed. */
export interface MergeResult {
  /** Annotations to write (new, or newer than a conflicting one). */
  toWrite: AnnotationLike[];
  added: number;
  duplicates: number;
  conflicts: MergeConflict[];
  /** Annotators that appear in the incoming annotations. */
  annotators: string[];
}

/** Merges incoming annotations into existing ones (both may contain repeats of the same key). */
export function mergeAnnotations(
  existing: readonly AnnotationLike[],
  incoming: readonly AnnotationLike[],
): MergeResult {
  const current = new Map<string, AnnotationLike>();
  for (const a of existing) current.set(a.id, a);
  const toWrite = new Map<string, AnnotationLike>();
  let added = 0;
  let duplicates = 0;
  const conflicts: MergeConflict[] = [];
  for (const a of incoming) {
    const prev = toWrite.get(a.id) ?? current.get(a.id);
    if (!prev) {
      toWrite.set(a.id, a);
      added++;
      continue;
    }
    if (sameJudgment(prev, a)) {
      duplicates++;
      continue;
    }
    const [kept, dropped] = a.createdAt > prev.createdAt ? [a, prev] : [prev, a];
    conflicts.push({ sessionId: a.sessionId, annotator: a.annotator, rowId: a.rowId, kept, dropped });
    if (kept === a) toWrite.set(a.id, a);
  }
  return {
    toWrite: [...toWrite.values()],
    added,
    duplicates,
    conflicts,
    annotators: [...new Set(incoming.map((a) => a.annotator))].sort(),
  };
}
