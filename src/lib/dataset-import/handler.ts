// The import worker's logic as a plain function over a database and a `post` callback, so tests drive it with
// fake-indexeddb and real Blobs, without a Worker. Every request gets exactly one final answer.
import { assertNever, isAbort, YardstickError } from '../core/errors';
import type { Row } from '../core/types';
import { commitJoin } from './join';
import { previewFile } from './preview';
import { runImport, type ImportProgress } from './pipeline';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { discardStaged, stageImport, writeStagedRows } from '../db/datasets';
import { ROWS_PER_WRITE } from '../db/rows';
import type { YardstickDb } from '../db/schema';

/** Minimum time between two progress messages, so the page is never flooded. */
const PROGRESS_INTERVAL_MS = 100;

/** Dependencies of the handler. */
export interface HandlerContext {
  db: YardstickDb;
  post: (message: WorkerResponse) => void;
}

function errorResponse(id: number, e: unknown): WorkerResponse {
  if (isAbort(e)) return { type: 'cancelled', id };
  const code = e instanceof YardstickError ? e.code : 'internal';
  const message = e instanceof Error ? e.message : String(e);
  return { type: 'error', id, code, message };
}

/** Creates the request handler; keep one per worker (it tracks running requests for cancellation). */
export function createImportHandler(ctx: HandlerContext): (request: WorkerRequest) => Promise<void> {
  const running = new Map<number, AbortController>();

  const throttledProgress = (id: number): ((p: ImportProgress) => void) => {
    let last = 0;
    return (progress) => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      ctx.post({ type: 'progress', id, progress });
    };
  };

  const handleImport = async (req: Extract<WorkerRequest, { type: 'import' }>, signal: AbortSignal) => {
    await stageImport(ctx.db, { datasetId: req.datasetId, projectId: req.projectId, source: req.source });
    try {
      const summary = await runImport({
        kind: req.kind,
        source: req.file.stream(),
        totalBytes: req.file.size,
        mapping: req.mapping,
        signal,
        onProgress: throttledProgress(req.id),
        // Whole pages per write (see db/rows.ts), so no batch has to read back a page the previous one began.
        batchRows: ROWS_PER_WRITE,
        sink: { write: (rows: Row[]) => writeStagedRows(ctx.db, req.datasetId, rows) },
      });
      if (summary.rowCount === 0) {
        throw new YardstickError(
          'no-rows',
          `No valid rows: all ${summary.errorCount} record(s) had errors. See the validation report.`,
        );
      }
      ctx.post({ type: 'staged', id: req.id, summary });
    } catch (e) {
      // Nothing half-written: a cancelled, failed or over-quota import leaves no rows behind.
      await discardStaged(ctx.db, req.datasetId);
      throw e;
    }
  };

  return async (req) => {
    if (req.type === 'cancel') {
      running.get(req.target)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(req.id, controller);
    try {
      switch (req.type) {
        case 'preview':
          ctx.post({ type: 'preview', id: req.id, result: await previewFile(req.file, req.name) });
          break;
        case 'import':
          await handleImport(req, controller.signal);
          break;
        case 'join':
          ctx.post({ type: 'joined', id: req.id, report: await commitJoin(ctx.db, req, controller.signal) });
          break;
        default:
          assertNever(req);
      }
    } catch (e) {
      ctx.post(errorResponse(req.id, e));
    } finally {
      running.delete(req.id);
    }
  };
}
