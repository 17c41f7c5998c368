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

function omitSegments(node: unknown, segsList: string[][]): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = { ...node };
  const nested = new Map<string, string[][]>();
  for (const segs of segsList) {
    const [head, ...rest] = segs;
    if (head === undefined) continue;
    if (rest.length === 0) delete out[head];
    else nested.set(head, [...(nested.get(head) ?? []), rest]);
  }
  for (const [head, rests] of nested) {
    if (!(head in out)) continue;
    const child = omitSegments(out[head], rests);
    if (isObject(child) && Object.keys(child).length === 0) delete out[head];
    else out[head] = child;
  }
  return out;
}
