// Metrics worker shell: scores and paired tests off the main thread. All logic is in handleRequest.
import { createContext, handleRequest, type MetricsRequest, type MetricsResponse } from '../lib/metrics/run';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<MetricsRequest>) => void) | null;
  postMessage(message: MetricsResponse): void;
};

// A macrotask yield lets a queued 'cancel' message run between chunks of work.
const ctx = createContext(
  (m) => scope.postMessage(m),
  () => new Promise((resolve) => setTimeout(resolve, 0)),
);
scope.onmessage = (e) => void handleRequest(e.data, ctx);
