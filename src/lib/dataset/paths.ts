// Field paths over parsed records. Syntax (README, "Field paths"):
//   `outputs.gpt-4`          a key inside an object
//   `choices.0.turns.0`      a 0-based index into a list (`choices[0].turns[0]` is the same path)
//   `messages[-1].content`   a negative index counts from the end (`messages.-1.content` is the same path)
//   `arguments.*.1`          `*` takes every element of a list (or every value of an object): the result is a list
// A key that literally contains dots (or brackets) wins over a nested reading, so model names like `gpt-3.5-turbo`
// need no escaping.

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const INDEX = /^-?\d+$/;

/** `a[0].b[-1]` → `a.0.b.-1`: brackets are another spelling of dot segments. */
export function normalizePath(path: string): string {
  return path.replace(/\[(-?\d+|\*)\]/g, '.$1').replace(/^\./, '');
}

/** The key segments a path resolves to in this record (array indices made non-negative), or null when it does not exist. */
export function resolveSegments(root: unknown, path: string): string[] | null {
  const literal = resolveNormalized(root, path);
  if (literal) return literal;
  const normalized = normalizePath(path);
  return normalized === path ? null : resolveNormalized(root, normalized);
}

function resolveNormalized(node: unknown, path: string): string[] | null {
  if (Array.isArray(node)) {
    const dot = path.indexOf('.');
    const head = dot === -1 ? path : path.slice(0, dot);
    if (!INDEX.test(head)) return null;
    const n = Number(head);
    const idx = n < 0 ? node.length + n : n;
    if (idx < 0 || idx >= node.length) return null;
    if (dot === -1) return [String(idx)];
    const rest = resolveNormalized(node[idx], path.slice(dot + 1));
    return rest ? [String(idx), ...rest] : null;
  }
  if (!isObject(node)) return null;
  if (hasOwn(node, path)) return [path];
  for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (!hasOwn(node, head)) continue;
    const rest = resolveNormalized(node[head], path.slice(i + 1));
    if (rest) return [head, ...rest];
  }
  return null;
}

/** The value at a path, or undefined. A `*` segment gives a list (undefined where an element lacks the rest). */
export function getPath(root: unknown, path: string): unknown {
  // The common case, a top-level key, without building a segment list (this runs once per field per row).
  if (isObject(root) && hasOwn(root, path)) return root[path];
  const segs = resolveSegments(root, path);
  if (segs) {
    let v: unknown = root;
    for (const s of segs) v = (v as Record<string, unknown>)[s];
    return v;
  }
  const normalized = normalizePath(path);
  const star = normalized === '*' ? 0 : normalized.startsWith('*.') ? 0 : normalized.indexOf('.*');
  if (star === -1 || (star > 0 && !/^\.\*(?:\.|$)/.test(normalized.slice(star)))) return undefined;
  const prefix = normalized.slice(0, star);
  const rest = normalized.slice(star === 0 ? 2 : star + 3);
  const container = prefix === '' ? root : getPath(root, prefix);
  const items = Array.isArray(container)
    ? container
    : isObject(container)
      ? Object.values(container)
      : undefined;
  if (items === undefined) return undefined;
  return rest === '' ? items : items.map((v) => getPath(v, rest));
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
