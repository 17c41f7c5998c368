// Human evaluation in the report: pairwise vote sets and Likert score sources, read from the annotation records
// the Human view writes (src/lib/state/human.svelte.ts) through the ratings module's own converters, so the report
// counts exactly what the Human view counts. Pure.
import { toLikertVotes, toPairwiseVotes, type AnnotationLike } from '../ratings/annotations';
import { DEFAULT_SCALE } from '../ratings/session';
import type { PairwiseVote } from '../ratings/types';
import type { AnnotationRecord, AnnotationSessionRecord } from '../db/records';
import type { BundleRecords } from './bundle/types';
import type { PairwiseSet, ScoreSource } from './model';

/** The two systems of a pairwise session's config, when it names them. */
function configPair(session: AnnotationSessionRecord): [string, string] | null {
  const systems = session.config['systems'];
  if (!Array.isArray(systems) || systems.length !== 2) return null;
  const [a, b] = systems as unknown[];
  return typeof a === 'string' && typeof b === 'string' ? [a, b] : null;
}

/** The Likert scale of a session's config (the Human view's default when absent). */
function configScale(session: AnnotationSessionRecord): [number, number] {
  const scale = session.config['scale'] as { min?: unknown; max?: unknown } | undefined;
  return typeof scale?.min === 'number' && typeof scale.max === 'number'
    ? [scale.min, scale.max]
    : [DEFAULT_SCALE.min, DEFAULT_SCALE.max];
}

const asLike = (a: AnnotationRecord): AnnotationLike => a;

function pairwiseSets(
  session: AnnotationSessionRecord,
  anns: readonly AnnotationRecord[],
  note: string | undefined,
): PairwiseSet[] {
  const votes: PairwiseVote[] = toPairwiseVotes(anns.map(asLike));
  // One set per pair of systems; the session's own order (first system first) when the config names it.
  const own = configPair(session);
  const pairs = new Map<string, [string, string]>();
  for (const v of votes) {
    const sorted = [v.left, v.right].sort() as [string, string];
    const k = sorted.join('\u0000');
    if (pairs.has(k)) continue;
    const ownKey = own ? [...own].sort().join('\u0000') : null;
    pairs.set(k, own && ownKey === k ? own : sorted);
  }
  return [...pairs].map(([k, pair]) => ({
    key: `human:${session.id}:${k}`,
    kind: 'human' as const,
    label: `Human (${session.name})`,
    systems: pair,
    votes: votes.filter((v) => [v.left, v.right].sort().join('\u0000') === k),
    ...(note ? { note } : {}),
  }));
}

function likertSources(
  session: AnnotationSessionRecord,
  anns: readonly AnnotationRecord[],
  rowPos: Map<string, number>,
  n: number,
  note: string | undefined,
): ScoreSource[] {
  // Per (dimension, system): the mean over annotators of each row's score.
  const sums = new Map<string, Map<number, { s: number; k: number }>>();
  for (const v of toLikertVotes(anns.map(asLike))) {
    const pos = rowPos.get(v.rowId);
    if (pos === undefined) continue;
    const key = `${v.dimension}\u0000${v.system}`;
    const m = sums.get(key) ?? new Map<number, { s: number; k: number }>();
    const acc = m.get(pos) ?? { s: 0, k: 0 };
    acc.s += v.score;
    acc.k += 1;
    m.set(pos, acc);
    sums.set(key, m);
  }
  const range = configScale(session);
  return [...sums].map(([key, m]) => {
    const [dim = '', system = ''] = key.split('\u0000');
    const scores = new Array<number | null>(n).fill(null);
    for (const [pos, { s, k }] of m) scores[pos] = s / k;
    return {
      key: `likert:${session.id}:${key}`,
      kind: 'likert' as const,
      metric: `likert:${dim}`,
      label: `Human rating: ${dim}`,
      system,
      signature: `likert:${session.name}`,
      higherIsBetter: true,
      createdAt: session.createdAt,
      scores,
      stored: { score: null, interval: null },
      range,
      ...(note ? { note } : {}),
    };
  });
}

/** Pairwise sets and Likert sources of every human session of a dataset. */
export function humanData(
  b: BundleRecords,
  datasetId: string,
  rowPos: Map<string, number>,
  n: number,
  notice: string | undefined,
): { sources: ScoreSource[]; pairwise: PairwiseSet[] } {
  const sources: ScoreSource[] = [];
  const pairwise: PairwiseSet[] = [];
  for (const session of b.annotationSessions.filter((s) => s.datasetId === datasetId)) {
    const recorded = typeof session.config['recorded'] === 'string' ? session.config['recorded'] : undefined;
    const note = recorded ?? notice;
    const anns = b.annotations.filter((a) => a.sessionId === session.id && a.kind === session.kind);
    if (session.kind === 'pairwise') pairwise.push(...pairwiseSets(session, anns, note));
    else sources.push(...likertSources(session, anns, rowPos, n, note));
  }
  return { sources, pairwise };
}
