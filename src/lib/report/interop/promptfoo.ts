// promptfoo `eval -o out.json` (OutputFile: {evalId, results: {version, timestamp, prompts, results: EvaluateResult[],
// stats}, config}). Each EvaluateResult is one test case × prompt × provider: {testIdx, promptIdx, prompt: {raw,
// label}, provider: {id, label}, vars, response: {output}, success, score, gradingResult: {pass, score, reason,
// componentResults}}. Rows are (test case, rendered prompt); providers are systems; each provider's assertion
// outcome is a single-grading judge run (score = promptfoo's score, the reason as the explanation) and its
// per-assertion results are kept in the row's metadata.
import { err, ok, type Result, type Row } from '../../core/types';
import type { BundleRecords } from '../bundle/types';
import { isObj, projectAround } from './common';

type Obj = Record<string, unknown>;

/** The EvaluateResult list of a promptfoo output document, or null when it is not one. */
export function promptfooResults(doc: unknown): Obj[] | null {
  if (!isObj(doc)) return null;
  const inner = isObj(doc['results']) ? doc['results'] : null;
  const list = inner && Array.isArray(inner['results']) ? inner['results'] : null;
  return list ? list.filter(isObj) : null;
}

const systemOf = (r: Obj): string => {
  const p = r['provider'];
  if (typeof p === 'string') return p;
  if (isObj(p))
    return (
      (typeof p['label'] === 'string' && p['label']) || (typeof p['id'] === 'string' ? p['id'] : 'provider')
    );
  return 'provider';
};
const textOf = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);

/** Reads a promptfoo output document into a new project. */
export function fromPromptfoo(doc: unknown, name: string, now = Date.now()): Result<BundleRecords, string> {
  const results = promptfooResults(doc);
  if (!results)
    return err(
      'promptfoo output: expected {"results": {"results": [...]}} as `promptfoo eval -o out.json` writes.',
    );
  if (results.length === 0) return err('promptfoo output: the eval has no results.');
  const rows = new Map<string, Row>();
  const graded = new Map<string, { rowId: string; score: number | null; reason: string }[]>();
  for (const r of results) {
    const prompt = isObj(r['prompt']) ? textOf(r['prompt']['raw']) : textOf(r['prompt']);
    const key = `${String(r['testIdx'] ?? '')}\u0000${prompt}`;
    let row = rows.get(key);
    if (!row) {
      const vars = isObj(r['vars'])
        ? r['vars']
        : isObj(r['testCase']) && isObj(r['testCase']['vars'])
          ? r['testCase']['vars']
          : {};
      const label =
        isObj(r['prompt']) && typeof r['prompt']['label'] === 'string' ? r['prompt']['label'] : undefined;
      row = {
        id: `pf-${rows.size}`,
        idx: rows.size,
        prompt,
        references: [],
        responses: {},
        tags: label ? [label] : [],
        metadata: { vars, testIdx: r['testIdx'] ?? null, assertions: {} },
      };
      rows.set(key, row);
    }
    const system = systemOf(r);
    const response = isObj(r['response']) ? r['response']['output'] : undefined;
    if (response !== undefined && response !== null) row.responses[system] = textOf(response);
    const g = isObj(r['gradingResult']) ? r['gradingResult'] : null;
    const score =
      typeof r['score'] === 'number' ? r['score'] : g && typeof g['score'] === 'number' ? g['score'] : null;
    (row.metadata['assertions'] as Obj)[system] = {
      pass: r['success'] ?? g?.['pass'] ?? null,
      score,
      reason: g?.['reason'] ?? null,
      results: Array.isArray(g?.['componentResults']) ? g['componentResults'] : [],
      ...(r['error'] ? { error: r['error'] } : {}),
    };
    const list = graded.get(system) ?? [];
    list.push({ rowId: row.id, score, reason: textOf(g?.['reason'] ?? r['error'] ?? '') });
    graded.set(system, list);
  }
  const list = [...rows.values()];
  const rec = projectAround(name, 'promptfoo', list, [...graded.keys()], now);
  rec.rubrics.push({
    id: 'pf-rubric',
    projectId: 'imported',
    name: 'promptfoo assertions',
    version: 1,
    template: '(imported)',
    mode: 'single',
    scale: { min: 0, max: 1 },
    createdAt: now,
  });
  let k = 0;
  [...graded.entries()].forEach(([system, items], run) => {
    const runId = `pf-run-${run}`;
    rec.judgeRuns.push({
      id: runId,
      projectId: 'imported',
      datasetId: 'imported-dataset',
      rubricId: 'pf-rubric',
      provider: 'imported',
      model: 'promptfoo assertions',
      params: { source: 'promptfoo' },
      mode: 'single',
      systems: [system],
      status: 'done',
      createdAt: now,
      updatedAt: now,
    });
    for (const it of items) {
      rec.judgments.push({
        id: `pf-${k}`,
        runId,
        rowId: it.rowId,
        cacheKey: `imported:pf:${k++}`,
        system,
        repeat: 0,
        status: it.score === null ? 'unparsed' : 'done',
        ...(it.score === null ? {} : { score: it.score }),
        ...(it.reason ? { raw: it.reason } : {}),
        updatedAt: now,
      });
    }
  });
  return ok(rec);
}
