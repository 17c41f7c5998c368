// A tiny field validator: every record of a bundle is checked field by field, and the first problem is reported
// with the table, the record's position and the field, e.g. "runs[3].datasetId: expected a string".

/** Field types the validator understands; a trailing '?' marks an optional field. */
export type FieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'string[]'
  | 'string-record'
  | 'number|string'
  | 'any';

/** An optional field that, when present, must be one of the listed strings. */
export interface OptionalEnum {
  optional: readonly string[];
}

/** A record shape: field name → type (optional when the type ends with '?'), or the allowed strings. */
export type Shape = Record<string, FieldType | `${FieldType}?` | readonly string[] | OptionalEnum>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function check(v: unknown, type: FieldType): string | null {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? null : 'expected a string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'expected a finite number';
    case 'integer':
      return Number.isInteger(v) && (v as number) >= 0 ? null : 'expected a non-negative integer';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'expected true or false';
    case 'object':
      return isPlainObject(v) ? null : 'expected an object';
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'expected a list of strings';
    case 'string-record':
      return isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string')
        ? null
        : 'expected an object of strings';
    case 'number|string':
      return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
        ? null
        : 'expected a number or a string';
    case 'any':
      return null;
  }
}

/** Checks one record against a shape; returns "field: reason" or null when it fits. */
export function checkShape(record: unknown, shape: Shape): string | null {
  if (!isPlainObject(record)) return 'expected an object';
  for (const [field, spec] of Object.entries(shape)) {
    const v = record[field];
    if (typeof spec === 'object' && 'optional' in spec) {
      if (v !== undefined && (typeof v !== 'string' || !spec.optional.includes(v)))
        return `${field}: expected one of ${spec.optional.join(', ')}`;
      continue;
    }
    if (Array.isArray(spec)) {
      if (typeof v !== 'string' || !spec.includes(v)) return `${field}: expected one of ${spec.join(', ')}`;
      continue;
    }
    const t = spec as string;
    const optional = t.endsWith('?');
    if (v === undefined) {
      if (optional) continue;
      return `${field}: missing`;
    }
    const problem = check(v, (optional ? t.slice(0, -1) : t) as FieldType);
    if (problem) return `${field}: ${problem}`;
  }
  return null;
}

export { isPlainObject };
