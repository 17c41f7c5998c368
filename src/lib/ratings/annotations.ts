// Stored annotations as the ratings core sees them, and their conversion into votes for the statistics.
import type { LikertVote, PairwiseChoice, PairwiseVote } from './types';
import { PAIRWISE_CHOICES } from './types';

/** An annotation as stored and exported (the database record minus its project and dataset). */
export interface AnnotationLike {
  id: string;
  sessionId: string;
  rowId: string;
  annotator: string;
  kind: 'pairwise' | 'likert';
  /** Pairwise: {choice, left, right, seed}. Likert: {scores: {system: {dimension: n}}, order, seed} or {skipped: true}. */
  value: Record<string, unknown>;
  comment?: string;
  flagged?: boolean;
  createdAt: number;
  durationMs?: number;
}

/** The id of an annotator's answer to one item of a session: one answer per annotator and item. */
export function annotationId(sessionId: string, annotator: string, rowId: string): string {
  return `${sessionId}|${annotator}|${rowId}`;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Pairwise votes from annotations (anything malformed or of another kind is ignored). */
export function toPairwiseVotes(annotations: readonly AnnotationLike[]): PairwiseVote[] {
  const out: PairwiseVote[] = [];
  for (const a of annotations) {
    if (a.kind !== 'pairwise') continue;
    const { choice, left, right } = a.value;
    if (typeof left !== 'string' || typeof right !== 'string') continue;
    if (!PAIRWISE_CHOICES.includes(choice as PairwiseChoice)) continue;
    out.push({ rowId: a.rowId, annotator: a.annotator, left, right, choice: choice as PairwiseChoice });
  }
  return out;
}

/** Likert votes from annotations, one per (system, dimension) score; skipped items give none. */
export function toLikertVotes(annotations: readonly AnnotationLike[]): LikertVote[] {
  const out: LikertVote[] = [];
  for (const a of annotations) {
    if (a.kind !== 'likert' || !isRecord(a.value.scores)) continue;
    for (const [system, dims] of Object.entries(a.value.scores)) {
      if (!isRecord(dims)) continue;
      for (const [dimension, score] of Object.entries(dims))
        if (typeof score === 'number' && Number.isFinite(score))
          out.push({ rowId: a.rowId, annotator: a.annotator, system, dimension, score });
    }
  }
  return out;
}

/** True when an annotation records a skip rather than a judgment. */
export function isSkip(a: AnnotationLike): boolean {
  return a.kind === 'pairwise' ? a.value.choice === 'skip' : a.value.skipped === true;
}
