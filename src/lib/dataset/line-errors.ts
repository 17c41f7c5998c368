// Builders for LineError values, so every message names its line (and field) the same way.
import type { LineError } from '../core/types';

/** Longest raw excerpt kept on an error (characters); enough to fix a line, small enough to store. */
export const RAW_LIMIT = 64 * 1024;

/** Truncates raw text for an error record, marking the cut. */
export function clipRaw(text: string, limit = RAW_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

/** A LineError for a whole record (invalid JSON, wrong shape, bad bytes). */
export function recordError(line: number, code: LineError['code'], message: string, raw?: string): LineError {
  const e: LineError = { line, field: null, code, message };
  if (raw !== undefined) e.raw = clipRaw(raw);
  return e;
}

/** A LineError naming the field at fault. */
export function fieldError(
  line: number,
  field: string,
  code: LineError['code'],
  message: string,
  severity: 'error' | 'warning' = 'error',
): LineError {
  const e: LineError = { line, field, code, message };
  if (severity === 'warning') e.severity = 'warning';
  return e;
}

/** Whether an error drops its record (everything but warnings). */
export function isFatal(e: LineError): boolean {
  return e.severity !== 'warning';
}

/** Bad lines as JSONL (one `{line, field, code, severity, message, raw}` per line) for download. */
export function errorsToJsonl(errors: readonly LineError[]): string {
  let out = '';
  for (const e of errors) {
    out += `${JSON.stringify({
      line: e.line,
      field: e.field,
      code: e.code,
      severity: e.severity ?? 'error',
      message: e.message,
      ...(e.raw !== undefined ? { raw: e.raw } : {}),
    })}\n`;
  }
  return out;
}

/** The raw text of the skipped lines only, in order, so a user can fix them and import them again. */
export function badLinesText(errors: readonly LineError[]): string {
  const seen = new Set<number>();
  let out = '';
  for (const e of errors) {
    if (!isFatal(e) || e.raw === undefined || seen.has(e.line)) continue;
    seen.add(e.line);
    out += `${e.raw}\n`;
  }
  return out;
}
