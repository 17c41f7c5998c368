// Search and tag filter over rows. One case-insensitive RegExp test per text field: no lower-cased copies, so a
// search over 100k rows allocates nothing per row.
import type { Row } from '../core/types';

/** Escapes RegExp metacharacters so user text matches literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the row's id, prompt, a reference or a response contains `pattern`. */
function rowMatches(row: Row, pattern: RegExp): boolean {
  if (pattern.test(row.id) || pattern.test(row.prompt)) return true;
  for (const r of row.references) if (pattern.test(r)) return true;
  for (const key in row.responses) {
    const text = row.responses[key];
    if (text !== undefined && pattern.test(text)) return true;
  }
  return false;
}

/** Rows containing `query` (case-insensitive, literal) and carrying `tag` (when given), in their original order. */
export function filterRows<T extends Row>(
  rows: readonly T[],
  query: string,
  tag: string | null,
): readonly T[] {
  const q = query.trim();
  if (!q && !tag) return rows;
  const pattern = q ? new RegExp(escapeRegExp(q), 'i') : null;
  return rows.filter((row) => (!tag || row.tags.includes(tag)) && (!pattern || rowMatches(row, pattern)));
}
