// IndexedDB side of the judge: the content-addressed answer cache, rubric versions, runs and judgments, and the
// judge settings (provider, model, parameters, prices — never the key). Functions take the db so tests can pass a
// fake-indexeddb instance.
import type { JudgeCacheRecord, JudgeRunRecord, JudgmentRecord, RubricRecord } from '../db/records';
import type { YardstickDb } from '../db/schema';
import type { AnswerCache, CachedAnswer } from '../judge/queue/cache';
import type { JudgeParams, ProviderKind, TokenLogprob } from '../judge/types';

/** Settings keys of the judge page's connection settings and price table. */
export const SETTINGS_KEY = 'judge.settings';
export const PRICES_KEY = 'judge.prices';

/** Connection settings as saved (no key). */
export interface SavedSettings {
  provider: ProviderKind;
  baseUrl: string;
  model: string;
  params: JudgeParams;
  concurrency: number;
}

/** The answer cache in the `judgeCache` table. The record holds the answer text, usage and logprobs only. */
export class DexieAnswerCache implements AnswerCache {
  constructor(private readonly db: YardstickDb) {}
  async get(key: string): Promise<CachedAnswer | undefined> {
    const r = await this.db.judgeCache.get(key);
    if (!r) return undefined;
    const completion: CachedAnswer['completion'] = {
      text: r.raw,
      usage: r.usage ?? { promptTokens: 0, completionTokens: 0 },
    };
    if (Array.isArray(r.logprobs)) completion.logprobs = r.logprobs as TokenLogprob[];
    return { completion, createdAt: r.createdAt };
  }
  async put(key: string, answer: CachedAnswer): Promise<void> {
    const rec: JudgeCacheRecord = {
      key,
      raw: answer.completion.text,
      usage: answer.completion.usage,
      createdAt: answer.createdAt,
    };
    if (answer.completion.logprobs) rec.logprobs = answer.completion.logprobs;
    await this.db.judgeCache.put(rec);
  }
}

/** Rubric versions of a project, newest first. */
export async function listRubrics(db: YardstickDb, projectId: string): Promise<RubricRecord[]> {
  const all = await db.rubrics.where('projectId').equals(projectId).toArray();
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/** Saves a rubric as the next version of its name. */
export async function saveRubricVersion(
  db: YardstickDb,
  draft: Pick<RubricRecord, 'projectId' | 'name' | 'template' | 'mode'> & {
    scale?: { min: number; max: number };
  },
): Promise<RubricRecord> {
  const same = (await listRubrics(db, draft.projectId)).filter((r) => r.name === draft.name);
  const version = same.reduce((m, r) => Math.max(m, r.version), 0) + 1;
  const rec: RubricRecord = {
    id: `rubric-${crypto.randomUUID()}`,
    projectId: draft.projectId,
    name: draft.name,
    version,
    template: draft.template,
    mode: draft.mode,
    ...(draft.scale ? { scale: draft.scale } : {}),
    createdAt: Date.now(),
  };
  await db.rubrics.add(rec);
  return rec;
}

/** Judge runs of a dataset, newest first. */
export async function listRuns(db: YardstickDb, datasetId: string): Promise<JudgeRunRecord[]> {
  const runs = await db.judgeRuns.where('datasetId').equals(datasetId).toArray();
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

/** All judgments of a run. */
export function runJudgments(db: YardstickDb, runId: string): Promise<JudgmentRecord[]> {
  return db.judgments.where('runId').equals(runId).toArray();
}

/** Creates a run and its pending judgments in one transaction, so a reload never sees half a plan. */
export async function createRun(
  db: YardstickDb,
  run: JudgeRunRecord,
  pending: JudgmentRecord[],
): Promise<void> {
  await db.transaction('rw', db.judgeRuns, db.judgments, async () => {
    await db.judgeRuns.add(run);
    await db.judgments.bulkAdd(pending);
  });
}

/** Updates a run's status. */
export async function setRunStatus(
  db: YardstickDb,
  runId: string,
  status: JudgeRunRecord['status'],
): Promise<void> {
  await db.judgeRuns.update(runId, { status, updatedAt: Date.now() });
}

/** Replaces one judgment. */
export async function putJudgment(db: YardstickDb, j: JudgmentRecord): Promise<void> {
  await db.judgments.put(j);
}

/** Marks judgments as in flight: their provider call is about to be sent. */
export async function markInFlight(db: YardstickDb, ids: readonly string[], at: number): Promise<void> {
  await db.transaction('rw', db.judgments, async () => {
    await Promise.all(ids.map((id) => db.judgments.update(id, { inFlightAt: at })));
  });
}

/** The cache keys among these that already hold an answer. */
export async function cachedKeys(db: YardstickDb, keys: readonly string[]): Promise<Set<string>> {
  const found = await db.judgeCache.bulkGet([...keys]);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for one computation, never rendered
  return new Set(found.flatMap((r) => (r ? [r.key] : [])));
}

/** Reads a setting. */
export async function readSetting<T>(db: YardstickDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

/** Writes a setting (never a secret). */
export async function writeSetting(db: YardstickDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value });
}
