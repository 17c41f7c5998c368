// The annotation file: JSON Lines, a header line (format, version, dataset, sessions, a hash of the body) then one
// annotation per line, so an import error names its line and field. Annotators exchange these files; no server.
import { contentHash, stableStringify } from '../core/hash';
import type { LineError } from '../core/types';
import type { AnnotationLike } from './annotations';
import { annotationId } from './annotations';
import type { SessionConfig } from './session';
import { PAIRWISE_CHOICES, type PairwiseChoice } from './types';

/** The `format` value of the header line. */
export const ANNOTATION_FORMAT = 'yardstick-annotations';
/** Current file version. */
export const ANNOTATION_VERSION = 1;

/** A session as carried in a file. */
export interface FileSession {
  id: string;
  kind: 'pairwise' | 'likert';
  name: string;
  config: SessionConfig;
  createdAt: number;
  /** Guidelines shown to annotators when the file was written. */
  guidelines?: string;
}

/** The header line. */
export interface AnnotationFileHeader {
  format: typeof ANNOTATION_FORMAT;
  version: number;
  exportedAt: string;
  exportedBy: string;
  dataset: { name: string; contentHash: string };
  sessions: FileSession[];
  /** contentHash of the annotation lines, to notice edits made after export. */
  bodyHash: string;
}

/** What a parse returns: valid annotations, bad lines as values, and cautions. */
export interface ParsedAnnotationFile {
  header: AnnotationFileHeader | null;
  annotations: AnnotationLike[];
  errors: LineError[];
  warnings: string[];
}

const ANNOTATION_KEYS: (keyof AnnotationLike)[] = [
  'id',
  'sessionId',
  'rowId',
  'annotator',
  'kind',
  'value',
  'comment',
  'flagged',
  'createdAt',
  'durationMs',
];

/** Writes an annotation file; the body is in a stable order (session, annotator, time). */
export function writeAnnotationFile(
  meta: Omit<AnnotationFileHeader, 'format' | 'version' | 'bodyHash'>,
  annotations: readonly AnnotationLike[],
): string {
  const sorted = [...annotations].sort(
    (a, b) =>
      a.sessionId.localeCompare(b.sessionId) ||
      a.annotator.localeCompare(b.annotator) ||
      a.createdAt - b.createdAt,
  );
  const lines = sorted.map((a) => {
    const picked: Record<string, unknown> = {};
    for (const k of ANNOTATION_KEYS) if (a[k] !== undefined) picked[k] = a[k];
    return JSON.stringify(picked);
  });
  const header: AnnotationFileHeader = {
    format: ANNOTATION_FORMAT,
    version: ANNOTATION_VERSION,
    ...meta,
    bodyHash: contentHash(lines.join('\n')),
  };
  return [JSON.stringify(header), ...lines].join('\n') + '\n';
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function lineError(
  line: number,
  field: string | null,
  code: LineError['code'],
  message: string,
  raw: string,
): LineError {
  return {
    line,
    field,
    code,
    message: `Line ${line}${field ? `, field "${field}"` : ''}: ${message}`,
    raw: raw.slice(0, 500),
  };
}

/** Reads an annotation file. One bad line never loses the good ones; each error names its line and field. */
export function parseAnnotationFile(text: string): ParsedAnnotationFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: LineError[] = [];
  const warnings: string[] = [];
  const first = lines[0] ?? '';
  let header: AnnotationFileHeader | null = null;
  try {
    const h: unknown = JSON.parse(first);
    if (!isRecord(h) || h.format !== ANNOTATION_FORMAT)
      errors.push(
        lineError(
          1,
          'format',
          'missing-field',
          `not a Yardstick annotation file (expected format "${ANNOTATION_FORMAT}").`,
          first,
        ),
      );
    else if (typeof h.version !== 'number' || h.version > ANNOTATION_VERSION)
      errors.push(
        lineError(
          1,
          'version',
          'wrong-type',
          `unsupported version ${String(h.version)} (this app reads ${ANNOTATION_VERSION}).`,
          first,
        ),
      );
    else if (!Array.isArray(h.sessions))
      errors.push(lineError(1, 'sessions', 'missing-field', 'the header lists no sessions.', first));
    else header = h as unknown as AnnotationFileHeader;
  } catch {
    errors.push(lineError(1, null, 'invalid-json', 'the header is not valid JSON.', first));
  }
  if (!header) return { header, annotations: [], errors, warnings };
  const sessions = new Map(header.sessions.map((s) => [s.id, s]));
  const body = lines.slice(1);
  while (body.length > 0 && body[body.length - 1]?.trim() === '') body.pop();
  if (contentHash(body.join('\n')) !== header.bodyHash)
    warnings.push(
      'The file was changed after it was exported (its hash does not match); check it before trusting it.',
    );
  const annotations: AnnotationLike[] = [];
  body.forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      errors.push(lineError(line, null, 'invalid-json', 'not valid JSON.', raw));
      return;
    }
    const result = checkAnnotation(obj, sessions);
    if (typeof result === 'string') {
      const [field, message] = result.split('\u0000') as [string, string];
      errors.push(lineError(line, field, 'wrong-type', message, raw));
    } else annotations.push(result);
  });
  return { header, annotations, errors, warnings };
}

/** Validates one annotation line against its session; returns the annotation or "field\0message". */
function checkAnnotation(obj: unknown, sessions: ReadonlyMap<string, FileSession>): AnnotationLike | string {
  const bad = (field: string, message: string) => `${field}\u0000${message}`;
  if (!isRecord(obj)) return bad('', 'expected a JSON object.');
  for (const f of ['sessionId', 'rowId', 'annotator'] as const)
    if (typeof obj[f] !== 'string' || obj[f] === '') return bad(f, 'must be a non-empty string.');
  const sessionId = obj.sessionId as string;
  const session = sessions.get(sessionId);
  if (!session) return bad('sessionId', `session "${sessionId}" is not in the file header.`);
  if (obj.kind !== session.kind) return bad('kind', `must be "${session.kind}" like its session.`);
  if (typeof obj.createdAt !== 'number' || !Number.isFinite(obj.createdAt))
    return bad('createdAt', 'must be a time in milliseconds.');
  if (!isRecord(obj.value)) return bad('value', 'must be an object.');
  const value = obj.value;
  const systems = session.config.systems;
  if (session.kind === 'pairwise') {
    if (!PAIRWISE_CHOICES.includes(value.choice as PairwiseChoice))
      return bad('value.choice', `must be one of ${PAIRWISE_CHOICES.join(', ')}.`);
    if (typeof value.left !== 'string' || !systems.includes(value.left))
      return bad('value.left', `must be one of ${systems.join(', ')}.`);
    if (typeof value.right !== 'string' || !systems.includes(value.right) || value.right === value.left)
      return bad('value.right', 'must be the other system of the session.');
  } else if (value.skipped !== true) {
    if (!isRecord(value.scores)) return bad('value.scores', 'must map each system to its scores.');
    const scale = session.config.scale ?? { min: 1, max: 5 };
    for (const [system, dims] of Object.entries(value.scores)) {
      if (!systems.includes(system)) return bad(`value.scores.${system}`, 'is not a system of this session.');
      if (!isRecord(dims)) return bad(`value.scores.${system}`, 'must map dimensions to scores.');
      for (const [dim, score] of Object.entries(dims))
        if (typeof score !== 'number' || !Number.isInteger(score) || score < scale.min || score > scale.max)
          return bad(
            `value.scores.${system}.${dim}`,
            `must be a whole number from ${scale.min} to ${scale.max}.`,
          );
    }
  }
  if (obj.comment !== undefined && typeof obj.comment !== 'string') return bad('comment', 'must be text.');
  if (obj.flagged !== undefined && typeof obj.flagged !== 'boolean')
    return bad('flagged', 'must be true or false.');
  if (obj.durationMs !== undefined && typeof obj.durationMs !== 'number')
    return bad('durationMs', 'must be a number.');
  const a: AnnotationLike = {
    id: annotationId(sessionId, obj.annotator as string, obj.rowId as string),
    sessionId,
    rowId: obj.rowId as string,
    annotator: obj.annotator as string,
    kind: session.kind,
    value,
    createdAt: obj.createdAt,
  };
  if (typeof obj.comment === 'string') a.comment = obj.comment;
  if (typeof obj.flagged === 'boolean') a.flagged = obj.flagged;
  if (typeof obj.durationMs === 'number') a.durationMs = obj.durationMs;
  return a;
}

/** Same judgment? Compares what the annotator decided, not when. */
export function sameJudgment(a: AnnotationLike, b: AnnotationLike): boolean {
  return (
    stableStringify([a.value, a.comment ?? '', a.flagged ?? false]) ===
    stableStringify([b.value, b.comment ?? '', b.flagged ?? false])
  );
}
