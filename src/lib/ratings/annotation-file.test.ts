import { describe, expect, it } from 'vitest';
import { parseAnnotationFile, writeAnnotationFile, type FileSession } from './annotation-file';
import { annotationId, type AnnotationLike } from './annotations';
import { mergeAnnotations } from './merge';

const session: FileSession = {
  id: 's1',
  kind: 'pairwise',
  name: 'ft vs base',
  createdAt: 1,
  config: {
    kind: 'pairwise',
    systems: ['ft', 'base'],
    selection: { mode: 'all' },
    seed: 7,
    rowIds: ['r1', 'r2', 'r3'],
  },
};
const likert: FileSession = {
  id: 's2',
  kind: 'likert',
  name: 'likert',
  createdAt: 1,
  config: {
    kind: 'likert',
    systems: ['ft'],
    selection: { mode: 'all' },
    seed: 7,
    rowIds: ['r1'],
    scale: { min: 1, max: 5 },
  },
};

function ann(
  annotator: string,
  rowId: string,
  choice: string,
  createdAt = 10,
  extra: Partial<AnnotationLike> = {},
): AnnotationLike {
  return {
    id: annotationId('s1', annotator, rowId),
    sessionId: 's1',
    rowId,
    annotator,
    kind: 'pairwise',
    value: { choice, left: 'ft', right: 'base', seed: 7 },
    createdAt,
    ...extra,
  };
}

const meta = {
  exportedAt: '2025-01-01T00:00:00.000Z',
  exportedBy: 'ann',
  dataset: { name: 'd', contentHash: 'h' },
};

describe('annotation file', () => {
  it('round-trips annotations, sessions and optional fields', () => {
    const list = [
      ann('ann', 'r1', 'A', 10, { comment: 'clear', flagged: true, durationMs: 1200 }),
      ann('ann', 'r2', 'skip', 11),
    ];
    const text = writeAnnotationFile({ ...meta, sessions: [session, likert] }, list);
    const parsed = parseAnnotationFile(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.header?.sessions).toEqual([session, likert]);
    expect(parsed.annotations).toEqual(list);
  });

  it('names the line and field of each bad line and keeps the good ones', () => {
    const good = ann('ann', 'r1', 'A');
    const text = writeAnnotationFile({ ...meta, sessions: [session, likert] }, [good]);
    const extra = [
      '{not json',
      JSON.stringify({ ...ann('ann', 'r2', 'maybe') }),
      JSON.stringify({ ...ann('ann', 'r3', 'A'), sessionId: 'nope' }),
      JSON.stringify({
        sessionId: 's2',
        rowId: 'r1',
        annotator: 'ann',
        kind: 'likert',
        createdAt: 1,
        value: { scores: { ft: { tone: 7 } } },
      }),
      JSON.stringify({ ...ann('ann', 'r3', 'A'), annotator: '' }),
    ];
    const parsed = parseAnnotationFile(text + extra.join('\n'));
    expect(parsed.annotations).toEqual([good]);
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([
      [3, null],
      [4, 'value.choice'],
      [5, 'sessionId'],
      [6, 'value.scores.ft.tone'],
      [7, 'annotator'],
    ]);
    expect(parsed.errors[1]?.message).toMatch(
      /^Line 4, field "value.choice": must be one of A, B, tie, both-bad, skip/,
    );
    expect(parsed.warnings[0]).toMatch(/changed after it was exported/);
  });

  it('refuses a file that is not an annotation file, naming line 1', () => {
    const parsed = parseAnnotationFile('{"prompt":"hi"}\n');
    expect(parsed.header).toBeNull();
    expect(parsed.errors[0]).toMatchObject({ line: 1, field: 'format' });
  });
});

describe('mergeAnnotations', () => {
  it('adds new answers, keeps other annotators’ answers to the same item, detects duplicates', () => {
    const mine = [ann('ann', 'r1', 'A'), ann('ann', 'r2', 'B')];
    const theirs = [ann('bob', 'r1', 'B'), ann('bob', 'r2', 'B'), ann('ann', 'r1', 'A', 99)];
    const m = mergeAnnotations(mine, theirs);
    expect(m.added).toBe(2);
    expect(m.duplicates).toBe(1);
    expect(m.conflicts).toEqual([]);
    expect(m.toWrite.map((a) => a.id)).toEqual([
      annotationId('s1', 'bob', 'r1'),
      annotationId('s1', 'bob', 'r2'),
    ]);
    expect(m.annotators).toEqual(['ann', 'bob']);
  });

  it('the same annotator answering differently is a conflict; the newer answer is kept and both are reported', () => {
    const older = ann('ann', 'r1', 'A', 10);
    const newer = ann('ann', 'r1', 'tie', 20);
    const a = mergeAnnotations([older], [newer]);
    expect(a.conflicts).toHaveLength(1);
    expect(a.conflicts[0]).toMatchObject({ kept: newer, dropped: older });
    expect(a.toWrite).toEqual([newer]);
    const b = mergeAnnotations([newer], [older]);
    expect(b.conflicts[0]).toMatchObject({ kept: newer, dropped: older });
    expect(b.toWrite).toEqual([]);
  });

  it('a comment or flag change is a different judgment', () => {
    const m = mergeAnnotations([ann('ann', 'r1', 'A', 1)], [ann('ann', 'r1', 'A', 2, { flagged: true })]);
    expect(m.conflicts).toHaveLength(1);
  });
});
