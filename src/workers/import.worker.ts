// Import worker shell: parses and stores datasets off the main thread. All logic is in createImportHandler.
import { createImportHandler } from '../lib/dataset-import/handler';
import type { WorkerRequest, WorkerResponse } from '../lib/dataset-import/protocol';
import { openDb } from '../lib/db/schema';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
};

const handle = createImportHandler({ db: openDb(), post: (m) => scope.postMessage(m) });
scope.onmessage = (e) => void handle(e.data);
