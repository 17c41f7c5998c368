// Shared helpers of the importers: a fresh project around imported rows, text of chunked fields.
import type { Row } from '../../core/types';
import type { BundleRecords } from '../bundle/types';
import { contentHash } from '../../core/hash';

type Obj = Record<string, unknown>;
/** Plain-object test. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of a string or of LLM Comparator's [{data, type: 'text'}] chunks; null for anything else. */
export function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v))
    return v
      .filter((c): c is Obj => isObj(c) && c['type'] === 'text' && typeof c['data'] === 'string')
      .map((c) => c['data'] as string)
      .join('');
  return null;
}

/** Records of a new project holding one dataset of `rows`; the caller adds runs and judgments. */
export function projectAround(
  name: string,
  source: string,
  rows: Row[],
  systems: string[],
  now: number,
): BundleRecords {
  const hash = contentHash(JSON.stringify(rows.map((r) => [r.id, r.prompt, r.references, r.responses])));
  const tags = [...new Set(rows.flatMap((r) => r.tags))].sort();
  return {
    project: { id: 'imported', name, description: `Imported from ${source}`, createdAt: now, updatedAt: now },
    datasets: [
      {
        id: 'imported-dataset',
        projectId: 'imported',
        name,
        format: 'generic',
        rowCount: rows.length,
        contentHash: hash,
        systems: systems.map((s) => ({ name: s, source })),
        tags,
        mapping: { importedFrom: source },
        createdAt: now,
        updatedAt: now,
        source,
      },
    ],
    rows: rows.map((r) => ({ ...r, datasetId: 'imported-dataset' })),
    runs: [],
    rowScores: [],
    annotationSessions: [],
    annotations: [],
    rubrics: [],
    judgeRuns: [],
    judgments: [],
  };
}
