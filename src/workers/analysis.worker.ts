// Analysis worker shell: Human results and Report statistics, and opening bundles, off the main thread. All logic is in the queue and
// handler (src/lib/analysis).
import { createAnalysisState } from '../lib/analysis/handler';
import { createAnalysisQueue } from '../lib/analysis/queue';
import { getDb } from '../lib/db/instance';
import { transferablesOf, type AnalysisRequest, type AnalysisResponse } from '../lib/analysis/protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisResponse, transfer: Transferable[]): void;
};

// setTimeout 0 yields a task between requests, so cancels queued behind a long computation are read first.
const queue = createAnalysisQueue(
  // A sort permutation is handed over, not copied.
  (m) => scope.postMessage(m, transferablesOf(m)),
  (run) => setTimeout(run, 0),
  // The worker's own connection to the app's database (opened on the first bundle-open), for the bundle writes.
  createAnalysisState(getDb),
);
scope.onmessage = (e) => queue.push(e.data);
