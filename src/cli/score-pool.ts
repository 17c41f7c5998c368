// Worker threads for `yardstick score`: the main thread reads and checks the rows (so every message about a bad
// line or field, and the order of ids, are the single-threaded ones), sends them in batches to the workers, and
// folds the results back in file order, so the sums, and every number printed, are those of scoring one row after
// another in one thread. Only the built CLI has the worker file (build/cli/score-worker.js); run from the sources
// the command scores in its own thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScorableRow, ScoreConfig } from './score-compute';

/** A batch sent to a worker. */
export interface PoolRequest {
  seq: number;
  first: number;
  ids: string[];
  responses: string[];
  references: (readonly string[])[];
}

/** A worker's answer to one batch: the rows' statistics packed (packStats) and their per_row entries. */
export type PoolReply = ({ seq: number } & PackedScores) | { seq: number; error: string };

/** Rows per batch sent to a worker: small enough to keep every worker busy on a file of a few thousand rows. */
export const POOL_BATCH_ROWS = 512;

/**
 * The default worker count: none. Measured on 2 cores (bench/cli.ts), reading the file in the main thread and the
 * hand-off cost more than the workers saved, so threads are opt-in with --jobs.
 */
export function defaultJobs(_fileBytes: number): number {
  return 1;
}

/** The worker file of the built CLI, or null when running from the sources. */
function workerFile(): string | null {
  const url = new URL('./score-worker.js', import.meta.url);
  if (url.protocol !== 'file:') return null;
  const path = fileURLToPath(url);
  return existsSync(path) ? path : null;
}

/** A batch's statistics packed by packStats, and its per_row entries joined as BatchScores.text. */
export interface PackedScores {
  packed: Float64Array<ArrayBuffer>;
  text: string;
}

interface Pending {
  resolve(reply: PackedScores): void;
  reject(e: Error): void;
}

/** A fixed set of scoring workers fed round-robin. */
export class ScorePool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  #seq = 0;
  #failed: Error | null = null;

  private constructor(file: string, jobs: number, cfg: ScoreConfig, json: boolean) {
    this.#workers = [];
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(file, { workerData: { cfg, json } });
      w.on('message', (reply: PoolReply) => this.#answer(reply));
      w.on('error', (e) => this.#fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a scoring worker stopped (exit status ${code})`));
      });
      this.#workers.push(w);
    }
  }

  /** A pool of `jobs` workers, or null when jobs < 2 or the worker file is not there. */
  static create(jobs: number, cfg: ScoreConfig, json: boolean): ScorePool | null {
    if (jobs < 2) return null;
    const file = workerFile();
    return file === null ? null : new ScorePool(file, jobs, cfg, json);
  }

  /** The number of workers. */
  get size(): number {
    return this.#workers.length;
  }

  /** Scores rows `first`.. (0-based, for messages) in the next worker. */
  async submit(rows: readonly ScorableRow[], first: number): Promise<PackedScores> {
    if (this.#failed) throw this.#failed;
    const seq = this.#seq++;
    const worker = this.#workers[seq % this.#workers.length] as Worker;
    const req: PoolRequest = {
      seq,
      first,
      ids: rows.map((r) => r.id),
      responses: rows.map((r) => r.response),
      references: rows.map((r) => r.references),
    };
    return new Promise<PackedScores>((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      worker.postMessage(req);
    });
  }

  #answer(reply: PoolReply): void {
    const p = this.#pending.get(reply.seq);
    if (!p) return;
    this.#pending.delete(reply.seq);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply);
  }

  #fail(e: Error): void {
    this.#failed ??= e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
