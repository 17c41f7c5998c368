// The pure metric job runner used by the metrics worker (and testable in Node).
export * from './types';
export { adaptersFor, type MetricAdapter } from './adapters';
export { corpusOf, runJob, type CancelFlag, type RunHooks } from './runner';
export { comparePair, type CompareJob, type SystemRows } from './paired';
export {
  createContext,
  handleRequest,
  type HandlerContext,
  type MetricsRequest,
  type MetricsResponse,
} from './protocol';
