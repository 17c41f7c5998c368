// MT-Bench judgments (FastChat llm_judge `data/mt_bench/model_judgment/*.jsonl`, written by gen_judgment.py).
// Single grading lines: {question_id, model, judge: [judge model, prompt name], user_prompt, judgment, score, turn};
// a score of -1 is FastChat's "no rating found". Pairwise lines: {question_id, model_1, model_2, g1_winner,
// g2_winner, judge, g1_judgment, g2_judgment, turn}: game 1 shows model_1 as A, game 2 swaps the order, and both
// winners are already written as model_1 / model_2 / tie / error. Each (judge model, mode, pair) is one judge run.
import { err, ok, type Result, type Row } from '../../core/types';
import type { BundleRecords } from '../bundle/types';
import { isObj, projectAround } from './common';

type Obj = Record<string, unknown>;

/** The question text inside a judge prompt (`[Question]\n…\n\n[The Start of …`), when it has one. */
function questionOf(userPrompt: unknown): string | null {
  if (typeof userPrompt !== 'string') return null;
  const m = /\[Question\]\n([\s\S]*?)(?:\n\n\[The Start of|\n\[The Start of|$)/.exec(userPrompt);
  const q = m?.[1]?.trim();
  return q ? q : null;
}

/** True when a parsed first line is an MT-Bench judgment. */
export function isMtBenchJudgment(v: unknown): boolean {
  return isObj(v) && 'question_id' in v && ('judgment' in v || 'g1_judgment' in v);
}

/** Reads MT-Bench judgment JSONL into a project: rows per question and turn, one judge run per judge and pair. */
export function fromMtBenchJudgments(
  text: string,
  name: string,
  now = Date.now(),
): Result<BundleRecords, string> {
  const lines: Obj[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return err(`line ${i + 1}: invalid JSON.`);
    }
    if (!isMtBenchJudgment(v))
      return err(`line ${i + 1}: expected an MT-Bench judgment (question_id, judgment).`);
    lines.push(v as Obj);
  }
  if (lines.length === 0) return err('The file has no judgments.');
  const rows = new Map<string, Row>();
  const rowOf = (l: Obj): Row => {
    const turn = typeof l['turn'] === 'number' ? l['turn'] : 1;
    const id = `q${String(l['question_id'])}${turn > 1 ? `-turn${turn}` : ''}`;
    let row = rows.get(id);
    if (!row) {
      const prompt =
        questionOf(l['user_prompt'] ?? l['g1_user_prompt']) ??
        `MT-Bench question ${String(l['question_id'])}`;
      row = {
        id,
        idx: rows.size,
        prompt,
        references: [],
        responses: {},
        tags: [],
        metadata: { question_id: l['question_id'], turn },
      };
      rows.set(id, row);
    } else if (row.prompt.startsWith('MT-Bench question ')) {
      row.prompt = questionOf(l['user_prompt'] ?? l['g1_user_prompt']) ?? row.prompt;
    }
    return row;
  };
  const systems = new Set<string>();
  const groups = new Map<
    string,
    { judge: string; pair: string[] | null; items: { row: Row; line: Obj }[] }
  >();
  for (const l of lines) {
    const row = rowOf(l);
    const judge = Array.isArray(l['judge']) && typeof l['judge'][0] === 'string' ? l['judge'][0] : 'judge';
    const pair =
      typeof l['model_1'] === 'string' && typeof l['model_2'] === 'string'
        ? [l['model_1'], l['model_2']]
        : null;
    if (pair) pair.forEach((s) => systems.add(s));
    else if (typeof l['model'] === 'string') systems.add(l['model']);
    const key = pair ? `${judge}\u0000${pair.join('\u0000')}` : `${judge}\u0000single`;
    const g = groups.get(key) ?? { judge, pair, items: [] };
    g.items.push({ row, line: l });
    groups.set(key, g);
  }
  const list = [...rows.values()];
  const rec = projectAround(name, 'MT-Bench judgments', list, [...systems], now);
  let k = 0;
  [...groups.values()].forEach((g, run) => {
    const runId = `mtb-run-${run}`;
    const single = g.pair === null;
    const runSystems = single ? [...new Set(g.items.map((it) => String(it.line['model'])))] : (g.pair ?? []);
    rec.rubrics.push({
      id: `mtb-rubric-${run}`,
      projectId: 'imported',
      name: `MT-Bench ${single ? 'single' : 'pairwise'} (${g.judge})`,
      version: 1,
      template: '(imported)',
      mode: single ? 'single' : 'pairwise',
      ...(single ? { scale: { min: 1, max: 10 } } : {}),
      createdAt: now,
    });
    rec.judgeRuns.push({
      id: runId,
      projectId: 'imported',
      datasetId: 'imported-dataset',
      rubricId: `mtb-rubric-${run}`,
      provider: 'imported',
      model: g.judge,
      params: { source: 'mt-bench', bothOrders: !single },
      mode: single ? 'single' : 'pairwise',
      systems: runSystems,
      status: 'done',
      createdAt: now,
      updatedAt: now,
    });
    for (const { row, line } of g.items) {
      if (single) {
        const score = line['score'];
        const rated = typeof score === 'number' && score >= 0;
        rec.judgments.push({
          id: `mtb-${k}`,
          runId,
          rowId: row.id,
          cacheKey: `imported:mtb:${k++}`,
          system: String(line['model']),
          repeat: 0,
          status: rated ? 'done' : 'unparsed',
          ...(rated ? { score } : {}),
          ...(typeof line['judgment'] === 'string' ? { raw: line['judgment'] } : {}),
          updatedAt: now,
        });
        continue;
      }
      // Winners name systems; as position verdicts: game 1 shows model_1 as A, game 2 shows it as B.
      const games: ['AB' | 'BA', unknown, unknown][] = [
        ['AB', line['g1_winner'], line['g1_judgment']],
        ['BA', line['g2_winner'], line['g2_judgment']],
      ];
      for (const [order, winner, judgment] of games) {
        const verdict =
          winner === 'tie'
            ? 'tie'
            : winner === 'model_1'
              ? order === 'AB'
                ? 'A'
                : 'B'
              : winner === 'model_2'
                ? order === 'AB'
                  ? 'B'
                  : 'A'
                : null;
        rec.judgments.push({
          id: `mtb-${k}`,
          runId,
          rowId: row.id,
          cacheKey: `imported:mtb:${k++}`,
          order,
          repeat: 0,
          status: verdict === null ? 'unparsed' : 'done',
          ...(verdict ? { verdict } : {}),
          ...(typeof judgment === 'string' ? { raw: judgment } : {}),
          updatedAt: now,
        });
      }
    }
  });
  return ok(rec);
}
