// Redaction before sharing: drop prompts, responses, references, judge text, comments or named metadata fields.
// Scores, verdicts and counts stay, so the report still shows every number; only the text goes.
import type { BundleRecords, RedactionInfo } from './bundle/types';

/** No redaction. */
export const NO_REDACTION: RedactionInfo = {
  prompts: false,
  responses: false,
  references: false,
  judgeText: false,
  comments: false,
  fields: [],
};

/** True when the options remove anything. */
export function isRedacting(r: RedactionInfo): boolean {
  return r.prompts || r.responses || r.references || r.judgeText || r.comments || r.fields.length > 0;
}

/** Every metadata field name used by any row (for the "drop fields" checklist). */
export function metadataFields(rows: readonly { metadata: Record<string, unknown> }[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.metadata)) names.add(k);
  return [...names].sort();
}

/** A copy of the records with the chosen parts removed (text becomes '', responses keep their keys). */
export function redactRecords(b: BundleRecords, r: RedactionInfo): BundleRecords {
  if (!isRedacting(r)) return b;
  const drop = new Set(r.fields);
  return {
    ...b,
    rows: b.rows.map((row) => ({
      ...row,
      prompt: r.prompts ? '' : row.prompt,
      references: r.references ? row.references.map(() => '') : row.references,
      responses: r.responses
        ? Object.fromEntries(Object.keys(row.responses).map((k) => [k, '']))
        : row.responses,
      metadata: drop.size
        ? Object.fromEntries(Object.entries(row.metadata).filter(([k]) => !drop.has(k)))
        : row.metadata,
    })),
    judgments: r.judgeText
      ? b.judgments.map(({ raw: _raw, error: _error, ...j }) => ({ ...j }))
      : b.judgments,
    annotations: r.comments ? b.annotations.map(({ comment: _c, ...a }) => ({ ...a })) : b.annotations,
  };
}
