// Migration hooks. A bundle written by an older Yardstick is upgraded step by step before validation; each step
// mirrors the database upgrade of the same version in src/lib/db/schema.ts, so a restored project looks as if it
// had been in this browser all along.

type Json = Record<string, unknown>;

/** Upgrades records from schema version n to n + 1 (keyed by n). */
export const SCHEMA_MIGRATIONS: Record<number, (bundle: Json) => Json> = {
  // v1 → v2 (db upgradeToV2): projects gain `description` (''), datasets gain `updatedAt` (= createdAt).
  1: (b) => {
    const project = b['project'] as Json | undefined;
    const datasets = Array.isArray(b['datasets']) ? (b['datasets'] as Json[]) : [];
    return {
      ...b,
      project: project ? { description: '', ...project } : project,
      datasets: datasets.map((d) => ({ ...d, updatedAt: d['updatedAt'] ?? d['createdAt'] })),
      schemaVersion: 2,
    };
  },
};

/** Upgrades the envelope from format version n to n + 1 (keyed by n). None yet: version 1 is the first. */
export const FORMAT_MIGRATIONS: Record<number, (bundle: Json) => Json> = {};

/** Applies migrations from `from` up to `to`; throws when a step is missing (a gap means a reader bug). */
export function migrate(
  bundle: Json,
  field: 'schemaVersion' | 'formatVersion',
  to: number,
  steps: Record<number, (b: Json) => Json>,
): Json {
  let b = bundle;
  let v = b[field] as number;
  while (v < to) {
    const step = steps[v];
    if (!step) throw new Error(`no migration from ${field} ${v}`);
    b = { ...step(b), [field]: v + 1 };
    v += 1;
  }
  return b;
}
