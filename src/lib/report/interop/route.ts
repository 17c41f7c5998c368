// Which importer a file belongs to, from its first bytes: another tool's results (a project with judge runs and
// metric runs: the Report importer) or rows to map (the dataset import). Both screens ask this first, so a file
// dropped on the wrong one is routed to the right one.

/** Results files the Report importer reads. */
export type ResultsFormat =
  | 'bundle'
  | 'llm-comparator'
  | 'alpacaeval-annotations'
  | 'promptfoo'
  | 'mt-bench-judgments'
  | 'lm-eval-samples';

/** Human names, for messages. */
export const RESULTS_NAMES: Record<ResultsFormat, string> = {
  bundle: 'a Yardstick project bundle',
  'llm-comparator': 'LLM Comparator JSON',
  'alpacaeval-annotations': 'AlpacaEval annotations',
  promptfoo: 'promptfoo eval output',
  'mt-bench-judgments': 'MT-Bench judgments',
  'lm-eval-samples': 'lm-evaluation-harness --log_samples',
};

const firstLine = (text: string): unknown => {
  const nl = text.indexOf('\n');
  try {
    return JSON.parse(nl === -1 ? text : text.slice(0, nl));
  } catch {
    return undefined;
  }
};
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The results format of a file from its first characters (64 KiB are plenty), or null when it is rows to map.
 * One JSON document is told by its keys (pretty-printed or minified alike); JSONL by its first line.
 */
export function resultsFormatOf(head: string, gzip = false): ResultsFormat | null {
  if (gzip) return 'bundle';
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) {
    // AlpacaEval annotations compare two outputs; model_outputs.json ({instruction, output, generator}) is rows.
    return /"output_1"\s*:/.test(text) && /"output_2"\s*:/.test(text) ? 'alpacaeval-annotations' : null;
  }
  if (!text.startsWith('{')) return null;
  const line = firstLine(text);
  if (isObj(line)) {
    if ('question_id' in line && ('judgment' in line || 'g1_judgment' in line)) return 'mt-bench-judgments';
    if ('doc_id' in line && ('filtered_resps' in line || 'resps' in line)) return 'lm-eval-samples';
    // A one-line document: fall through to the document checks below.
  }
  if (/"format"\s*:\s*"yardstick-project"/.test(text)) return 'bundle';
  if (/"examples"\s*:\s*\[/.test(text) && /"models"\s*:\s*\[/.test(text)) return 'llm-comparator';
  if (/"evalId"\s*:/.test(text) || (/"results"\s*:\s*\{/.test(text) && /"promptIdx"\s*:/.test(text)))
    return 'promptfoo';
  return null;
}

/** Where a dropped file goes: lm-eval samples open in both importers, so each screen keeps them. */
export function belongsInReport(format: ResultsFormat | null): boolean {
  return format !== null && format !== 'lm-eval-samples';
}
