// The one way into the database for a project that comes from outside (file import, ?bundle= URL, #share link,
// the demo): decode, identify, verify the checksum, migrate, validate every record, check references. Pure: it
// returns a value or a reason and never writes anything, so a refused file changes nothing.
import { gunzipSync, strFromU8, strToU8 } from 'fflate';
import { err, ok, type Result } from '../../core/types';
import { checkShape, isPlainObject } from './guard';
import { bundleChecksum } from './encode';
import { checkIntegrity } from './integrity';
import { FORMAT_MIGRATIONS, SCHEMA_MIGRATIONS, migrate } from './migrate';
import { PROJECT_SHAPE, TABLE_SHAPES } from './shapes';
import {
  BUNDLE_FORMAT,
  BUNDLE_TABLES,
  BUNDLE_VERSION,
  RECORD_SCHEMA_VERSION,
  type ProjectBundle,
} from './types';

/** Why a file was refused. */
export interface RestoreFailure {
  code: 'corrupt' | 'foreign' | 'too-new' | 'checksum' | 'invalid-record' | 'inconsistent';
  message: string;
}

const fail = (code: RestoreFailure['code'], message: string) => err<RestoreFailure>({ code, message });

/** True when the bytes start with the gzip magic number 1f 8b (RFC 1952 §2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Bytes (gzip or plain UTF-8 JSON) → parsed JSON, or why not. */
export function decodeBytes(bytes: Uint8Array): Result<unknown, RestoreFailure> {
  let text: string;
  try {
    text = strFromU8(isGzip(bytes) ? gunzipSync(bytes) : bytes);
  } catch (e) {
    return fail(
      'corrupt',
      `The file is not a readable gzip stream (${e instanceof Error ? e.message : 'damaged'}).`,
    );
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const head = text.trimStart().slice(0, 1);
    if (head !== '{' && head !== '[')
      return fail('foreign', 'This is not a Yardstick project bundle (it is not JSON).');
    return fail('corrupt', `The file is not valid JSON (${e instanceof Error ? e.message : 'parse error'}).`);
  }
}

/** Names a foreign JSON file when we recognise it, to point the user at the right import. */
function describeForeign(v: unknown): string {
  if (Array.isArray(v))
    return 'This is a JSON array (a dataset or results file?), not a Yardstick project bundle.';
  if (isPlainObject(v) && Array.isArray(v['examples']) && isPlainObject(v['metadata']))
    return 'This is an LLM Comparator file, not a Yardstick project bundle: use "Import results" instead.';
  return 'This is not a Yardstick project bundle (its "format" field is missing or different).';
}

/**
 * Validates and migrates a bundle from bytes, text or a parsed value. Every refusal names the reason, the table,
 * the record and the field where one is at fault.
 */
export function restore(input: Uint8Array | string | unknown): Result<ProjectBundle, RestoreFailure> {
  let value: unknown = input;
  if (input instanceof Uint8Array) {
    const decoded = decodeBytes(input);
    if (!decoded.ok) return decoded;
    value = decoded.value;
  } else if (typeof input === 'string') {
    const decoded = decodeBytes(strToU8(input));
    if (!decoded.ok) return decoded;
    value = decoded.value;
  }
  if (!isPlainObject(value) || value['format'] !== BUNDLE_FORMAT)
    return fail('foreign', describeForeign(value));
  const formatVersion = value['formatVersion'];
  const schemaVersion = value['schemaVersion'];
  if (!Number.isInteger(formatVersion) || !Number.isInteger(schemaVersion))
    return fail('corrupt', 'The bundle has no formatVersion/schemaVersion.');
  if ((formatVersion as number) > BUNDLE_VERSION || (schemaVersion as number) > RECORD_SCHEMA_VERSION)
    return fail(
      'too-new',
      `The bundle was written by a newer Yardstick (format ${String(formatVersion)}, schema ${String(schemaVersion)}); this one reads up to format ${BUNDLE_VERSION}, schema ${RECORD_SCHEMA_VERSION}. Update the app.`,
    );
  if (
    typeof value['checksum'] !== 'string' ||
    value['checksum'] !== bundleChecksum(value as unknown as ProjectBundle)
  )
    return fail(
      'checksum',
      "The bundle's checksum does not match its contents: it was changed or damaged after export. Nothing was imported.",
    );
  let b: Record<string, unknown>;
  try {
    b = migrate(value, 'formatVersion', BUNDLE_VERSION, FORMAT_MIGRATIONS);
    b = migrate(b, 'schemaVersion', RECORD_SCHEMA_VERSION, SCHEMA_MIGRATIONS);
  } catch (e) {
    return fail(
      'corrupt',
      `The bundle could not be upgraded: ${e instanceof Error ? e.message : String(e)}.`,
    );
  }
  const projectProblem = checkShape(b['project'], PROJECT_SHAPE);
  if (projectProblem) return fail('invalid-record', `project.${projectProblem}`);
  for (const table of BUNDLE_TABLES) {
    const list = b[table];
    if (!Array.isArray(list)) return fail('invalid-record', `${table}: expected a list of records`);
    for (let i = 0; i < list.length; i++) {
      const problem = checkShape(list[i], TABLE_SHAPES[table]);
      if (problem) return fail('invalid-record', `${table}[${i}].${problem}`);
    }
  }
  const bundle = b as unknown as ProjectBundle;
  const inconsistency = checkIntegrity(bundle);
  if (inconsistency) return fail('inconsistent', `The bundle is inconsistent: ${inconsistency}.`);
  return ok(bundle);
}
