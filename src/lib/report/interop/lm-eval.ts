// lm-evaluation-harness `--log_samples` JSONL (samples_<task>_<date>.jsonl): one line per (doc, filter) with
// doc_id, doc, target, arguments (list of [context, continuation] or {gen_args_i: {arg_0, arg_1}}), resps,
// filtered_resps, filter, metrics (names) and each metric's value. Rows are docs; the response is the filtered
// generation, or for log-likelihood tasks the choice with the highest log-likelihood; each (metric, filter) is a
// metric run whose corpus score is the mean, as lm-eval's `mean` aggregation.
import { err, ok, type Result, type Row } from '../../core/types';
import { bootstrapMean } from '../../ratings/stats';
import type { BundleRecords } from '../bundle/types';
import { isObj, projectAround } from './common';

type Obj = Record<string, unknown>;

function argumentsOf(v: unknown): unknown[][] {
  if (Array.isArray(v)) return v.filter(Array.isArray);
  if (isObj(v))
    return Object.keys(v)
      .sort()
      .map((k) =>
        isObj(v[k])
          ? Object.keys(v[k] as Obj)
              .sort()
              .map((a) => (v[k] as Obj)[a])
          : [],
      );
  return [];
}

/** The response of a sample: a generated string, or the argmax choice of log-likelihood requests. */
function responseOf(s: Obj, args: unknown[][]): string | null {
  const f = s['filtered_resps'];
  if (Array.isArray(f) && typeof f[0] === 'string') return f[0];
  // Log-likelihoods are numbers, or numeric strings where lm-eval wrote the pairs with str().
  const ll = (x: unknown): number => (Array.isArray(x) && x[0] !== '' ? Number(x[0]) : NaN);
  if (Array.isArray(f) && f.length && f.every((x) => Number.isFinite(ll(x)))) {
    let best = 0;
    f.forEach((x, i) => {
      if (ll(x) > ll(f[best])) best = i;
    });
    const cont = args[best]?.[1];
    return typeof cont === 'string' ? cont.trim() : String(best);
  }
  return null;
}

/** Reads a --log_samples JSONL file as `system`'s outputs; errors name the line and field. */
export function fromLmEvalSamples(
  text: string,
  system: string,
  name: string,
  now = Date.now(),
): Result<BundleRecords, string> {
  const rows = new Map<string, Row>();
  const values = new Map<string, Map<string, number>>();
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let s: unknown;
    try {
      s = JSON.parse(line);
    } catch {
      return err(`line ${i + 1}: invalid JSON.`);
    }
    if (!isObj(s)) return err(`line ${i + 1}: expected an object.`);
    if (typeof s['doc_id'] !== 'number' && typeof s['doc_id'] !== 'string')
      return err(`line ${i + 1}, field doc_id: missing.`);
    const filter = typeof s['filter'] === 'string' ? s['filter'] : 'none';
    const metrics = Array.isArray(s['metrics'])
      ? s['metrics'].filter((m): m is string => typeof m === 'string')
      : [];
    if (!metrics.length) return err(`line ${i + 1}, field metrics: expected the list of metric names.`);
    const args = argumentsOf(s['arguments']);
    const id = `doc-${String(s['doc_id'])}`;
    const sys = filter === 'none' ? system : `${system}/${filter}`;
    let row = rows.get(id);
    if (!row) {
      const prompt = args[0]?.[0];
      const target = s['target'];
      const choices =
        args.length > 1 ? args.map((a) => (typeof a[1] === 'string' ? a[1].trim() : '')) : undefined;
      const reference =
        typeof target === 'number' && choices
          ? (choices[target] ?? String(target))
          : typeof target === 'string'
            ? target
            : JSON.stringify(target ?? '');
      row = {
        id,
        idx: rows.size,
        prompt: typeof prompt === 'string' ? prompt : '',
        references: [reference],
        responses: {},
        tags: [],
        metadata: isObj(s['doc']) ? { doc_hash: s['doc_hash'] ?? null } : {},
        ...(choices ? { choices } : {}),
        ...(typeof target === 'number' ? { label: target } : {}),
      };
      rows.set(id, row);
    }
    const response = responseOf(s, args);
    if (response !== null) row.responses[sys] = response;
    for (const m of metrics) {
      const v = s[m];
      const num = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null;
      if (num === null) continue;
      const key = `${m}\u0000${sys}`;
      const map = values.get(key) ?? new Map<string, number>();
      map.set(id, num);
      values.set(key, map);
    }
  }
  if (!rows.size) return err('The file has no samples.');
  const list = [...rows.values()];
  const systems = [...new Set(list.flatMap((r) => Object.keys(r.responses)))];
  const rec = projectAround(name, 'lm-evaluation-harness --log_samples', list, systems, now);
  let k = 0;
  for (const [key, map] of values) {
    const [metric = '', sys = ''] = key.split('\u0000');
    const runId = `lme-run-${k++}`;
    const xs = [...map.values()];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    rec.runs.push({
      id: runId,
      projectId: 'imported',
      datasetId: 'imported-dataset',
      datasetHash: rec.datasets[0]?.contentHash ?? '',
      kind: 'metric',
      metric,
      system: sys,
      signature: `lm-eval:${metric}|filter:${sys.includes('/') ? sys.split('/').pop() : 'none'}`,
      options: { source: 'lm-evaluation-harness' },
      status: 'done',
      corpus: { score: mean, interval: bootstrapMean(xs), n: xs.length },
      createdAt: now + k,
      updatedAt: now + k,
    });
    for (const [rowId, v] of map) {
      const row = rows.get(rowId);
      if (row) rec.rowScores.push({ runId, rowIdx: row.idx, rowId, value: { score: v } });
    }
  }
  return ok(rec);
}
