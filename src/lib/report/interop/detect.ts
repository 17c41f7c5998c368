// Which importer a file needs: a Yardstick bundle, LLM Comparator JSON, AlpacaEval annotations or lm-eval samples.
import { gunzipSync, strFromU8 } from 'fflate';
import { err, ok, type Result } from '../../core/types';
import { BUNDLE_FORMAT, type BundleRecords } from '../bundle/types';
import { isGzip } from '../bundle/restore';
import { fromAlpacaEval } from './alpacaeval';
import { fromLlmComparator } from './llm-comparator';
import { fromLmEvalSamples } from './lm-eval';
import { isObj } from './common';

/** What a file turned out to be. */
export type Detected =
  { kind: 'bundle'; bytes: Uint8Array } | { kind: 'imported'; source: string; records: BundleRecords };

/** Sorts a file into a bundle (for restore()) or imported records; errors explain what was expected. */
export function detectResults(
  bytes: Uint8Array,
  fileName: string,
  now = Date.now(),
): Result<Detected, string> {
  let text: string;
  try {
    text = strFromU8(isGzip(bytes) ? gunzipSync(bytes) : bytes);
  } catch {
    return err('The file is not readable (damaged gzip?).');
  }
  const name = fileName.replace(/\.(json|jsonl|gz)$/gi, '') || 'Imported results';
  const head = text.trimStart();
  if (head.startsWith('{') && !/\n\s*\{/.test(head.slice(0, 200000).trimEnd())) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return err(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (isObj(v) && v['format'] === BUNDLE_FORMAT) return ok({ kind: 'bundle', bytes });
    if (isObj(v) && Array.isArray(v['examples'])) {
      const r = fromLlmComparator(v, name, now);
      return r.ok ? ok({ kind: 'imported', source: 'LLM Comparator', records: r.value }) : r;
    }
  }
  if (head.startsWith('[')) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return err(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const r = fromAlpacaEval(v, name, now);
    return r.ok ? ok({ kind: 'imported', source: 'AlpacaEval', records: r.value }) : r;
  }
  if (head.startsWith('{') && /"doc_id"/.test(head.slice(0, 2000))) {
    const r = fromLmEvalSamples(text, 'model', name, now);
    return r.ok ? ok({ kind: 'imported', source: 'lm-evaluation-harness', records: r.value }) : r;
  }
  return err(
    'Unrecognised file: expected a Yardstick bundle, LLM Comparator JSON, AlpacaEval annotations (JSON list) or lm-evaluation-harness --log_samples JSONL.',
  );
}
