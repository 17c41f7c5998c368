// Which importer a file needs: a Yardstick bundle, LLM Comparator JSON (pretty-printed or minified), AlpacaEval
// annotations, promptfoo output, MT-Bench judgments or lm-eval samples (route.ts tells them apart).
import { gunzipSync, strFromU8 } from 'fflate';
import { err, ok, type Result } from '../../core/types';
import { BUNDLE_FORMAT, type BundleRecords } from '../bundle/types';
import { isGzip } from '../bundle/restore';
import { fromAlpacaEval } from './alpacaeval';
import { fromLlmComparator } from './llm-comparator';
import { fromLmEvalSamples } from './lm-eval';
import { isObj } from './common';
import { fromMtBenchJudgments } from './mt-bench';
import { fromPromptfoo } from './promptfoo';
import { resultsFormatOf } from './route';

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
  const format = resultsFormatOf(text.slice(0, 65536));
  const parsed = (): Result<unknown, string> => {
    try {
      return ok(JSON.parse(text) as unknown);
    } catch (e) {
      return err(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const imported = (source: string, r: Result<BundleRecords, string>): Result<Detected, string> =>
    r.ok ? ok({ kind: 'imported', source, records: r.value }) : r;
  switch (format) {
    case 'llm-comparator': {
      const v = parsed();
      return v.ok ? imported('LLM Comparator', fromLlmComparator(v.value, name, now)) : v;
    }
    case 'alpacaeval-annotations': {
      const v = parsed();
      return v.ok ? imported('AlpacaEval', fromAlpacaEval(v.value, name, now)) : v;
    }
    case 'promptfoo': {
      const v = parsed();
      return v.ok ? imported('promptfoo', fromPromptfoo(v.value, name, now)) : v;
    }
    case 'mt-bench-judgments':
      return imported('MT-Bench', fromMtBenchJudgments(text, name, now));
    case 'lm-eval-samples':
      return imported('lm-evaluation-harness', fromLmEvalSamples(text, 'model', name, now));
    case 'bundle':
    case null:
      break;
  }
  const head = text.trimStart();
  if (head.startsWith('{') && !/\n\s*\{/.test(head.slice(0, 200000).trimEnd())) {
    const v = parsed();
    if (!v.ok) return v;
    if (isObj(v.value) && v.value['format'] === BUNDLE_FORMAT) return ok({ kind: 'bundle', bytes });
  }
  return err(NOT_RESULTS);
}

/** The refusal for a file that is rows, not results: the page routes such a file to the dataset import. */
export const NOT_RESULTS =
  'Unrecognised file: expected a Yardstick bundle, LLM Comparator JSON, AlpacaEval annotations, promptfoo output, MT-Bench judgments or lm-evaluation-harness --log_samples JSONL. A file of rows (prompts, responses, references) opens with "New project from a dataset".';
