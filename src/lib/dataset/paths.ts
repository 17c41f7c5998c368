// Dot-separated field paths (`outputs.gpt-4`, `choices.0`) over parsed records. A key that literally contains dots
// wins over a nested reading, so model names like `gpt-3.5-turbo` need no escaping.

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The key segments a path resolves to in this record, or null when it does not exist. */
export function resolveSegments(root: unknown, path: string): string[] | null {
  if (!isObject(root) && !Array.isArray(root)) return null;
  const here = root as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(here, path)) return [path];
  for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (!Object.prototype.hasOwnProperty.call(here, head)) continue;
    const rest = resolveSegments(here[head], path.slice(i + 1));
    if (rest) return [head, ...rest];
  }
  return null;
}

/** The value at a path, or undefined. */
export function getPath(root: unknown, path: string): unknown {
  const segs = resolveSegments(root, path);
  if (!segs) return undefined;
  let v: unknown = root;
  for (const s of segs) v = (v as Record<string, unknown>)[s];
  return v;
}

/**
 * A copy of the record without the given paths, copying only along the paths (untouched branches are shared).
 * Objects left empty by the removal are dropped, so a fully mapped `outputs` object leaves nothing behind.
 */
export function omitPaths(
  record: Record<string, unknown>,
  paths: readonly string[],
): Record<string, unknown> {
  const segsList = paths.map((p) => resolveSegments(record, p)).filter((s): s is string[] => s !== null);
  if (segsList.length === 0) return { ...record };
  return omitSegments(record, segsList) as Record<string, unknown>;
}

// Builds the copy key by key instead of spreading and deleting: `delete` turns an object into a slow dictionary,
// which every later step (mapping, the structured clone into IndexedDB) pays for, once per row.
function omitSegments(node: unknown, segsList: readonly string[][]): unknown {
  if (!isObject(node)) return node;
  const dropped: string[] = [];
  let nested: Record<string, string[][]> | null = null;
  for (const segs of segsList) {
    const head = segs[0];
    if (head === undefined) continue;
    if (segs.length === 1) dropped.push(head);
    else {
      nested ??= Object.create(null) as Record<string, string[][]>;
      (nested[head] ??= []).push(segs.slice(1));
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    if (dropped.includes(key)) continue;
    const rests = nested?.[key];
    const value = rests ? omitSegments(node[key], rests) : node[key];
    // An object the removal left empty is dropped, so a fully mapped `outputs` object leaves nothing behind.
    if (rests && isObject(value) && Object.keys(value).length === 0) continue;
    // A JSON key "__proto__" is an own property; plain assignment would set the prototype instead.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
