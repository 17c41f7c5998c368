// Writing a bundle: scrub credentials, stamp the envelope and checksum, gzip with fflate.
import { gzipSync, strToU8 } from 'fflate';
import { contentHash, stableStringify } from '../../core/hash';
import { scrubSecrets } from '../scrub';
import {
  BUNDLE_FORMAT,
  BUNDLE_TABLES,
  BUNDLE_VERSION,
  RECORD_SCHEMA_VERSION,
  type BundleRecords,
  type ProjectBundle,
  type RedactionInfo,
} from './types';

/** Options of createBundle. */
export interface BundleOptions {
  now?: number;
  generator?: string;
  redaction?: RedactionInfo;
  notice?: string;
}

/** The checksum of a bundle: a content hash of every field except `checksum` itself, keys sorted. */
export function bundleChecksum(bundle: Omit<ProjectBundle, 'checksum'> & { checksum?: string }): string {
  const { checksum: _ignored, ...rest } = bundle;
  return contentHash(stableStringify(rest));
}

/**
 * Scrubs credential-like fields from every record (and credential-looking values from settings, never from row
 * text). Returns the cleaned records and the paths that were removed.
 */
export function scrubRecords(records: BundleRecords): { records: BundleRecords; removed: string[] } {
  const removed: string[] = [];
  const project = scrubSecrets(records.project, { values: true }, 'project');
  removed.push(...project.removed);
  const out = { ...records, project: project.value } as BundleRecords;
  for (const table of BUNDLE_TABLES) {
    const list = records[table] as unknown[];
    const cleaned = list.map((r, i) => {
      const s = scrubSecrets(r, { values: table !== 'rows' }, `${table}[${i}]`);
      removed.push(...s.removed);
      return s.value;
    });
    (out as unknown as Record<string, unknown>)[table] = cleaned;
  }
  return { records: out, removed };
}

/** Builds the bundle object for a project's records (scrubbed, stamped, checksummed). */
export function createBundle(records: BundleRecords, options: BundleOptions = {}): ProjectBundle {
  const { records: clean } = scrubRecords(records);
  const envelope: Omit<ProjectBundle, 'checksum'> = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_VERSION,
    schemaVersion: RECORD_SCHEMA_VERSION,
    exportedAt: options.now ?? Date.now(),
    generator: options.generator ?? 'Yardstick',
    ...(options.redaction ? { redaction: options.redaction } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    ...clean,
  };
  return { ...envelope, checksum: bundleChecksum(envelope) };
}

/** The bundle as JSON text. */
export function bundleToJson(bundle: ProjectBundle): string {
  return JSON.stringify(bundle);
}

/** The bundle as a gzip file (what "Export project" downloads). */
export function bundleToGzip(
  bundle: ProjectBundle,
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 9,
): Uint8Array {
  return gzipSync(strToU8(bundleToJson(bundle)), { level, mtime: 0 });
}
