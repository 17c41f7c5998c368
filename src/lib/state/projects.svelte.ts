// The start screen's project list: load, rename, delete. Keeps the open workspace in step with changes.
import { getDb } from '../db/instance';
import { deleteProject, listProjects, renameProject, type ProjectSummary } from '../db/projects';
import { workspace } from './workspace.svelte';

/** Projects stored in this browser, most recently changed first. */
export class Projects {
  #list = $state.raw<ProjectSummary[]>([]);
  #loaded = $state(false);
  #error = $state<string | null>(null);

  get list(): ProjectSummary[] {
    return this.#list;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The last failure (rename refused, database error), for display. */
  get error(): string | null {
    return this.#error;
  }

  /** Re-reads the list from IndexedDB. */
  async load(): Promise<void> {
    try {
      this.#list = await listProjects(getDb());
      this.#error = null;
    } catch (e) {
      this.#error = `Could not read your projects: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.#loaded = true;
    }
  }

  /** Renames a project; returns false (with `error` set) when the name is refused. */
  async rename(id: string, name: string): Promise<boolean> {
    try {
      const updated = await renameProject(getDb(), id, name);
      workspace.patchProject(updated);
      await this.load();
      return true;
    } catch (e) {
      this.#error = e instanceof Error ? e.message : String(e);
      return false;
    }
  }

  /** Deletes a project and everything in it; closes it first when it is open. */
  async remove(id: string): Promise<void> {
    if (workspace.project?.id === id) workspace.close();
    try {
      await deleteProject(getDb(), id);
    } catch (e) {
      this.#error = `Could not delete the project: ${e instanceof Error ? e.message : String(e)}`;
    }
    await this.load();
  }
}

export const projects = new Projects();
