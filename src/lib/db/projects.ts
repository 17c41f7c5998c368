// Project repository: plain functions over a YardstickDb, so tests pass a fake-indexeddb instance.
import { InputError } from '../core/errors';
import type { ProjectRecord } from './records';
import type { YardstickDb } from './schema';
import { deleteWhere } from './cascade';

/** A project with what the start screen shows about it. */
export interface ProjectSummary extends ProjectRecord {
  datasetCount: number;
  rowCount: number;
}

const MAX_NAME_LENGTH = 200;

/** Trims and checks a project name; throws InputError when it is empty or too long. */
export function cleanProjectName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (!clean) throw new InputError('A project name cannot be empty.');
  if (clean.length > MAX_NAME_LENGTH)
    throw new InputError(`A project name can have at most ${MAX_NAME_LENGTH} characters.`);
  return clean;
}

/** A new project record (not yet stored). */
export function newProject(name: string, now = Date.now()): ProjectRecord {
  return {
    id: crypto.randomUUID(),
    name: cleanProjectName(name),
    description: '',
    createdAt: now,
    updatedAt: now,
  };
}

/** Stores a new project and returns it. */
export async function createProject(db: YardstickDb, name: string): Promise<ProjectRecord> {
  const project = newProject(name);
  await db.projects.add(project);
  return project;
}

/** Every project, most recently changed first, with dataset and row counts. */
export async function listProjects(db: YardstickDb): Promise<ProjectSummary[]> {
  return db.transaction('r', db.projects, db.datasets, async () => {
    const [projects, datasets] = await Promise.all([db.projects.toArray(), db.datasets.toArray()]);
    return projects
      .map((p) => {
        const own = datasets.filter((d) => d.projectId === p.id);
        return { ...p, datasetCount: own.length, rowCount: own.reduce((n, d) => n + d.rowCount, 0) };
      })
      .sort((a, b) => b.updatedAt - a.updatedAt);
  });
}

/** Renames a project; returns the stored record. */
export async function renameProject(db: YardstickDb, id: string, name: string): Promise<ProjectRecord> {
  const clean = cleanProjectName(name);
  return db.transaction('rw', db.projects, async () => {
    const project = await db.projects.get(id);
    if (!project) throw new InputError(`Project ${id} does not exist.`);
    const updated = { ...project, name: clean, updatedAt: Date.now() };
    await db.projects.put(updated);
    return updated;
  });
}

/**
 * Deletes a project and everything that belongs to it, in one transaction: its datasets and their rows, and every
 * record in any table (including tables added later) indexed by its projectId, datasetId or a run id of it.
 */
export async function deleteProject(db: YardstickDb, id: string): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const datasetIds = (await db.datasets.where('projectId').equals(id).primaryKeys()).map(String);
    const stagedIds = (await db.stagedImports.filter((s) => s.projectId === id).primaryKeys()).map(String);
    await deleteWhere(db, { projectId: [id], datasetIds: [...datasetIds, ...stagedIds] });
    await db.projects.delete(id);
  });
}
