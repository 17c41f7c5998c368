// Browser side of bench/metrics: a module worker that runs the same timed work as Node and posts the figures.
import { timeMetrics, type Wmt17 } from './metrics-core';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<Wmt17>) => void) | null;
  postMessage(message: unknown): void;
};
scope.onmessage = (e) => scope.postMessage(timeMetrics(e.data));
