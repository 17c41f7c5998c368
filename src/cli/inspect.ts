// `yardstick inspect FILE [FILE...] [--json]`: what the page would make of the files, with the same detection. A
// file of another tool's results is read by the Report importer; rows are detected and mapped as on the mapping
// screen, and further files are joined onto the first as "Add another model's outputs" does (by id when both
// files have one, else by prompt text). Answer files without prompts (MT-Bench model_answer) join last.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Row } from '../lib/core/types';
import { joinSystems } from '../lib/dataset/join';
import type { FieldMapping } from '../lib/dataset/types';
import { detectResults } from '../lib/report/interop/detect';
import {
  belongsInReport,
  RESULTS_NAMES,
  resultsFormatOf,
  type ResultsFormat,
} from '../lib/report/interop/route';
import { detectInput, mappedRowBatches, rolesOf } from './detected';
import { openInput, type InputProblem } from './input';

const HELP = `Usage: yardstick inspect FILE [FILE...] [options]

Detects what each FILE is, as the page does: a dataset (JSONL, a JSON array or CSV) mapped to rows, or another
tool's results (LLM Comparator, AlpacaEval annotations, promptfoo output, MT-Bench judgments, a Yardstick bundle).
Several files are joined onto the first, as the page's "Add another model's outputs" (MT-Bench: question.jsonl,
then any number of model_answer files, joined by question_id).

  --json       print {format, rows, systems, roles: {prompt, response, reference}, errors, confidence, notes, files}
  -h, --help   this text

Exit status: 0 on success, 1 when a file cannot be read, 2 for bad options.
`;

type Roles = { prompt: string; response: string; reference: string };

/** What one file turned out to be. */
interface FileReport {
  file: string;
  format: string;
  rows: Row[];
  systems: string[];
  roles: Roles;
  errors: InputProblem[];
  confidence: number;
  notes: string[];
  mapping: FieldMapping | null;
  format_name?: string;
}

const RESULT_ROLES: Record<ResultsFormat, Roles> = {
  bundle: { prompt: 'prompt', response: 'responses.*', reference: 'references' },
  'llm-comparator': {
    prompt: 'examples.*.input_text',
    response: 'examples.*.output_text_a, examples.*.output_text_b (systems from models.*.name)',
    reference: '',
  },
  'alpacaeval-annotations': {
    prompt: 'instruction',
    response: 'output_1 (system from generator_1), output_2 (system from generator_2)',
    reference: '',
  },
  promptfoo: {
    prompt: 'results.results.*.prompt.raw',
    response: 'results.results.*.response.output (system from provider)',
    reference: '',
  },
  'mt-bench-judgments': { prompt: 'user_prompt ([Question])', response: '', reference: '' },
  'lm-eval-samples': { prompt: 'arguments', response: 'filtered_resps', reference: 'target' },
};

async function inspectFile(path: string): Promise<FileReport> {
  const bytes = readFileSync(path);
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const results = resultsFormatOf(gzip ? '' : bytes.subarray(0, 64 * 1024).toString('utf8'), gzip);
  if (results !== null && belongsInReport(results)) {
    const d = detectResults(new Uint8Array(bytes), basename(path));
    if (!d.ok) throw new Error(`cannot read ${path}: ${d.error}`);
    const records = d.value.kind === 'imported' ? d.value.records : null;
    if (!records) throw new Error(`${path} is a Yardstick project bundle: open it with Report → Import`);
    const judged = records.judgments.length;
    return {
      file: path,
      format: results,
      format_name: RESULTS_NAMES[results],
      rows: records.rows,
      systems: records.datasets[0]?.systems.map((s) => s.name) ?? [],
      roles: RESULT_ROLES[results],
      errors: [],
      confidence: 1,
      notes: [
        `${RESULTS_NAMES[results]}: read by the Report importer` +
          (judged > 0 ? ` (${judged} judgments in ${records.judgeRuns.length} judge runs)` : '') +
          (records.runs.length > 0
            ? `, metric runs: ${[...new Set(records.runs.map((r) => r.metric))].join(', ')}`
            : '') +
          '.',
      ],
      mapping: null,
    };
  }
  const input = await openInput(path);
  const detection = await detectInput(input);
  const rows: Row[] = [];
  const errors: InputProblem[] = [];
  for await (const batch of mappedRowBatches(input, detection.mapping)) {
    rows.push(...batch.rows);
    errors.push(...batch.problems);
  }
  const systems = [...new Set(rows.flatMap((r) => Object.keys(r.responses)))];
  return {
    file: path,
    format: detection.format,
    rows,
    systems,
    roles: rolesOf(detection.mapping),
    errors,
    confidence: detection.confidence,
    notes: detection.notes,
    mapping: detection.mapping,
  };
}

/** Runs the command; returns the exit status. */
export async function run(argv: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    process.stderr.write(`yardstick inspect: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`yardstick inspect: expected at least one FILE\n\n${HELP}`);
    return 2;
  }
  let reports: FileReport[];
  try {
    reports = [];
    for (const p of positionals) reports.push(await inspectFile(p));
  } catch (e) {
    process.stderr.write(`yardstick inspect: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  // Files whose rows have prompts come first: answers without question text join onto them.
  const ordered = [...reports].sort(
    (a, b) => Number(a.mapping?.promptOptional ?? false) - Number(b.mapping?.promptOptional ?? false),
  );
  const [base, ...others] = ordered;
  if (!base) return 2;
  let rows = base.rows;
  const joins: { file: string; by: 'id' | 'prompt'; matched: number; unmatched: number }[] = [];
  for (const o of others) {
    const by = base.mapping?.id && o.mapping?.id ? 'id' : 'prompt';
    try {
      const j = joinSystems(rows, o.rows, { by });
      rows = j.rows;
      joins.push({ file: o.file, by, matched: j.matched, unmatched: j.unmatchedOther.length });
    } catch (e) {
      process.stderr.write(
        `yardstick inspect: cannot join ${o.file}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      return 1;
    }
  }
  const systems = [...new Set(ordered.flatMap((r) => r.systems))];
  // A role the first file lacks (MT-Bench questions have no response) is named by the files joined onto it.
  const role = (k: keyof Roles) =>
    [...new Set(ordered.map((r) => r.roles[k]).filter((v) => v !== ''))]
      .slice(0, base.roles[k] ? 1 : undefined)
      .join('; ');
  const roles: Roles = { prompt: role('prompt'), response: role('response'), reference: role('reference') };
  const out = {
    format: base.format,
    rows: rows.length,
    systems,
    roles,
    errors: reports.reduce((n, r) => n + r.errors.length, 0),
    confidence: base.confidence,
    notes: base.notes,
    ...(joins.length > 0 ? { joined: joins } : {}),
    files: reports.map((r) => ({
      file: r.file,
      format: r.format,
      rows: r.rows.length,
      systems: r.systems,
      roles: r.roles,
      errors: r.errors.length,
      confidence: r.confidence,
    })),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `format: ${base.format_name ?? base.format} (confidence ${Math.round(base.confidence * 100)}%)`,
    `rows: ${rows.length}`,
    `systems: ${systems.length > 0 ? systems.join(', ') : '(none)'}`,
    `prompt: ${roles.prompt || '(none)'}`,
    `response: ${roles.response || '(none)'}`,
    `reference: ${roles.reference || '(none)'}`,
    `errors: ${out.errors}`,
    ...base.notes.map((n) => `note: ${n}`),
    ...joins.map((j) => `joined ${j.file} by ${j.by}: ${j.matched} rows matched, ${j.unmatched} unmatched`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const r of reports)
    for (const p of r.errors.slice(0, 20))
      process.stderr.write(
        `yardstick inspect: ${r.file}:${p.line}: ${p.field ? `field '${p.field}': ` : ''}${p.reason}\n`,
      );
  return 0;
}
