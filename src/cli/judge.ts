// `yardstick judge FILE --rubric RUBRIC_FILE --provider openai|anthropic|gemini --model NAME [--json]`: LLM-as-judge
// grading with the same templates, parser, queue and content-addressed cache as the browser. The key comes only from
// YARDSTICK_API_KEY and is scrubbed from every message this command prints.
import { detectFormat } from '../lib/dataset/detect-format';
import { createRowMapper } from '../lib/dataset/row-mapper';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { judgeRows } from '../lib/judge/input';
import { interpret, planJobs, type JudgeJob, type JudgeSpec } from '../lib/judge/plan';
import { resolvePair } from '../lib/judge/pairwise';
import { reasoningOf } from '../lib/judge/parse';
import { createProvider, scrubKey } from '../lib/judge/providers/index';
import { MemoryCache, type AnswerCache } from '../lib/judge/queue/cache';
import { FileCache } from '../lib/judge/queue/file-cache';
import { runQueue, type JobResult } from '../lib/judge/queue/queue';
import { validateTemplate } from '../lib/judge/templates';
import type { PositionVerdict, ProviderKind } from '../lib/judge/types';
import { openInput, readInput } from './input';

const HELP = `Usage: yardstick judge FILE --rubric RUBRIC_FILE --provider openai|anthropic|gemini --model NAME [options]

FILE is JSONL, a JSON array or CSV with id, prompt, response (or one response per system), reference.
The rubric file is text with the placeholders {prompt} {response} {reference} {response_a} {response_b}.
The API key is read from the YARDSTICK_API_KEY environment variable (not needed for local servers).

  --base-url URL        endpoint (OpenAI-compatible servers: e.g. http://localhost:11434/v1)
  --pairwise A,B        compare the responses of systems A and B (both orders; a flip is a tie)
  --system NAME         single grading of this system's response (default: the "response" field)
  --scale MIN-MAX       score range (default: 1-10 when the rubric says so, else 1-5)
  --concurrency N       parallel calls (default 4)
  --cache DIR           content-addressed answer cache: a second run with the same inputs makes no calls
  --temperature T       default 0
  --max-tokens N        default 1024
  --logprobs            ask for top logprobs (G-Eval weighted score where returned)
  --structured          ask for structured JSON output
  --json                machine-readable output
`;

const KINDS: readonly string[] = ['openai', 'anthropic', 'gemini'];

function scaleOf(arg: string | undefined, template: string): { min: number; max: number } {
  if (arg) {
    const m = /^(\d+)-(\d+)$/.exec(arg);
    if (!m) throw new Error(`--scale must look like 1-5, got "${arg}"`);
    return { min: Number(m[1]), max: Number(m[2]) };
  }
  return /1 to 10|1-10|1–10|\[\[rating\]\]/i.test(template) ? { min: 1, max: 10 } : { min: 1, max: 5 };
}

/** Runs the command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const key = process.env.YARDSTICK_API_KEY ?? '';
  try {
    return await main(argv, key);
  } catch (e) {
    process.stderr.write(`yardstick judge: ${scrubKey(e instanceof Error ? e.message : String(e), key)}\n`);
    return 2;
  }
}

async function main(argv: string[], key: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      rubric: { type: 'string' },
      provider: { type: 'string' },
      'base-url': { type: 'string' },
      model: { type: 'string' },
      pairwise: { type: 'string' },
      system: { type: 'string' },
      scale: { type: 'string' },
      concurrency: { type: 'string' },
      cache: { type: 'string' },
      temperature: { type: 'string' },
      'max-tokens': { type: 'string' },
      logprobs: { type: 'boolean' },
      structured: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file || !values.rubric || !values.provider || !values.model) {
    process.stderr.write(`yardstick judge: FILE, --rubric, --provider and --model are required\n\n${HELP}`);
    return 2;
  }
  if (!KINDS.includes(values.provider))
    throw new Error(`--provider must be openai, anthropic or gemini, got "${values.provider}"`);
  const kind = values.provider as ProviderKind;
  const template = readFileSync(values.rubric, 'utf8');
  const pair = values.pairwise?.split(',').map((s) => s.trim());
  if (pair && (pair.length !== 2 || !pair[0] || !pair[1]))
    throw new Error('--pairwise takes two system names: A,B');
  const mode = pair ? 'pairwise' : 'single';
  const problems = validateTemplate(template, mode);
  if (problems.length) throw new Error(`rubric ${values.rubric}: ${problems.join(' ')}`);
  const scale = scaleOf(values.scale, template);
  const concurrency = Number(values.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('--concurrency must be a positive integer');
  const systems = pair ?? (values.system ? [values.system] : []);
  // Bad lines and fields are reported in file order and skipped; the valid rows are still judged.
  const input = await openInput(file);
  const read = await readInput(input);
  // A file without a plain prompt field is detected and mapped as the page maps it (MT-Bench, lm-eval, chats…).
  const detected = detectedRecords(read.records);
  if (detected && !pair && !values.system && detected.systems[0]) systems.push(detected.systems[0]);
  if (detected)
    process.stderr.write(
      `yardstick judge: ${file}: detected ${detected.format}; systems: ${detected.systems.join(', ') || '(none)'}\n`,
    );
  const mapped = judgeRows(detected?.records ?? read.records, systems);
  const rows = mapped.rows;
  const bad = [...read.problems, ...mapped.problems].sort((a, b) => a.line - b.line);
  for (const p of bad) process.stderr.write(`yardstick judge: ${input.format(p)}\n`);
  if (rows.length === 0) throw new Error(`${file}: no usable rows`);

  const judge: JudgeSpec = {
    provider: kind,
    baseUrl: values['base-url'] ?? '',
    model: values.model,
    params: {
      temperature: Number(values.temperature ?? 0),
      maxTokens: Number(values['max-tokens'] ?? 1024),
      logprobs: values.logprobs ?? false,
      structured: values.structured ?? false,
    },
  };
  const gradeSystems = pair ?? [values.system ?? systems[0] ?? 'response'];
  const { jobs, skipped } = planJobs(rows, { template, mode, scale }, judge, {
    systems: gradeSystems,
    repeats: 1,
  });
  for (const s of skipped) process.stderr.write(`${file}: skipped ${s.reason}\n`);

  const provider = createProvider({ kind, baseUrl: judge.baseUrl, model: judge.model, apiKey: key });
  const cache: AnswerCache = values.cache ? new FileCache(values.cache) : new MemoryCache();
  const results = new Map<string, JobResult>();
  const report = await runQueue(jobs, {
    provider,
    params: judge.params,
    cache,
    concurrency,
    onResult: (job, r) => void results.set(job.id, r),
    onEvent: (e) => {
      if (e.type === 'retry' && !values.json)
        process.stderr.write(
          `retry ${e.attempt} in ${Math.round(e.delayMs)} ms: ${scrubKey(e.error, key)}\n`,
        );
    },
  });

  const out = mode === 'single' ? singleOutput(jobs, results, scale) : pairOutput(jobs, results);
  const payload = {
    rows: rows.length,
    ...(pair ? { systems: { A: pair[0], B: pair[1] } } : {}),
    per_row: out.perRow,
    unparsed: out.unparsed,
    failed: out.failed,
    usage: {
      calls: report.calls,
      prompt_tokens: report.usage.promptTokens,
      completion_tokens: report.usage.completionTokens,
    },
    ...out.summary,
    ...(report.stopped !== 'done' ? { stopped: report.stopped, reason: report.stopReason } : {}),
  };
  const text = scrubKey(values.json ? JSON.stringify(payload, null, 2) : humanText(payload, out), key);
  process.stdout.write(`${text}\n`);
  return report.stopped === 'done' && out.failed.length === 0 ? 0 : 1;
}

type Out = {
  perRow: Record<string, unknown>[];
  unparsed: { id: string; raw: string }[];
  failed: { id: string; error: string }[];
  summary: Record<string, unknown>;
};

function singleOutput(
  jobs: JudgeJob[],
  results: Map<string, JobResult>,
  scale: { min: number; max: number },
): Out {
  const out: Out = { perRow: [], unparsed: [], failed: [], summary: {} };
  const scores: number[] = [];
  for (const job of jobs) {
    const r = results.get(job.id);
    if (!r) continue;
    if (r.kind === 'failed') {
      out.failed.push({ id: job.rowId, error: r.error });
      continue;
    }
    const o = interpret(r.completion, 'single', scale);
    const raw = r.completion.text;
    if (o.status === 'done' && o.score !== undefined) {
      scores.push(o.score);
      out.perRow.push({
        id: job.rowId,
        score: o.score,
        ...(o.weighted ? { weighted_score: o.weighted.weighted } : {}),
        raw,
      });
    } else {
      // An unparsable answer has no score: it is listed, counted, and left out of the mean.
      out.perRow.push({ id: job.rowId, raw });
      out.unparsed.push({ id: job.rowId, raw });
    }
  }
  out.summary = {
    mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    scored: scores.length,
  };
  return out;
}

function pairOutput(jobs: JudgeJob[], results: Map<string, JobResult>): Out {
  const out: Out = { perRow: [], unparsed: [], failed: [], summary: {} };
  const byRow = new Map<string, { AB?: JobResult; BA?: JobResult }>();
  for (const job of jobs) {
    const r = results.get(job.id);
    if (!r || !job.order) continue;
    byRow.set(job.rowId, { ...byRow.get(job.rowId), [job.order]: r });
  }
  let wins = 0;
  let ties = 0;
  let n = 0;
  let consistent = 0;
  for (const [id, g] of byRow) {
    const failed = [g.AB, g.BA].find((r) => r?.kind === 'failed');
    if (failed?.kind === 'failed') {
      out.failed.push({ id, error: failed.error });
      continue;
    }
    const verdictOf = (r: JobResult | undefined): PositionVerdict | null => {
      if (r?.kind !== 'answer') return null;
      const o = interpret(r.completion, 'pairwise', { min: 1, max: 5 });
      return o.verdict ?? null;
    };
    const textOf = (r: JobResult | undefined) => (r?.kind === 'answer' ? r.completion.text : '');
    const raw = `[order A,B]\n${textOf(g.AB)}\n\n[order B,A]\n${textOf(g.BA)}`;
    const resolved = resolvePair(verdictOf(g.AB), verdictOf(g.BA), true);
    if (!resolved) {
      out.perRow.push({ id, raw });
      out.unparsed.push({ id, raw });
      continue;
    }
    n++;
    if (resolved.outcome === 'win') wins++;
    if (resolved.outcome === 'tie') ties++;
    if (resolved.consistent) consistent++;
    const verdict = resolved.outcome === 'win' ? 'A' : resolved.outcome === 'loss' ? 'B' : 'tie';
    out.perRow.push({
      id,
      verdict,
      consistent: resolved.consistent ?? null,
      reasoning: reasoningOf(textOf(g.AB)),
      raw,
    });
  }
  out.summary = {
    win_rate_a: n ? (wins + 0.5 * ties) / n : null,
    consistency: n ? consistent / n : null,
    judged: n,
  };
  return out;
}

function humanText(payload: Record<string, unknown>, out: Out): string {
  const lines = out.perRow.map(
    (r) =>
      `${String(r.id).padEnd(16)} ${'score' in r ? String(r.score) : 'verdict' in r ? String(r.verdict) : 'unparsed'}`,
  );
  const usage = payload.usage as { calls: number; prompt_tokens: number; completion_tokens: number };
  lines.push('');
  if ('mean' in payload)
    lines.push(
      `mean score: ${payload.mean === null ? '—' : Number(payload.mean).toFixed(3)} over ${String(payload.scored)} rows`,
    );
  if ('win_rate_a' in payload)
    lines.push(
      `win rate of A: ${payload.win_rate_a === null ? '—' : Number(payload.win_rate_a).toFixed(3)}, swap consistency ${payload.consistency === null ? '—' : Number(payload.consistency).toFixed(3)}`,
    );
  lines.push(`unparsed: ${out.unparsed.length}, failed: ${out.failed.length}`);
  lines.push(
    `calls: ${usage.calls}, prompt tokens: ${usage.prompt_tokens}, completion tokens: ${usage.completion_tokens}`,
  );
  return lines.join('\n');
}

const PLAIN_PROMPTS = ['prompt', 'instruction', 'question', 'input'];

/** Records in the judge's plain shape built from the page's detection, when the file has no plain prompt field. */
function detectedRecords(
  records: readonly { line: number; value: unknown }[],
): { format: string; systems: string[]; records: { line: number; value: unknown }[] } | null {
  const first = records[0]?.value;
  if (
    typeof first !== 'object' ||
    first === null ||
    PLAIN_PROMPTS.some((f) => typeof (first as Record<string, unknown>)[f] === 'string')
  )
    return null;
  const detection = detectFormat(records.slice(0, 200).map((r) => r.value));
  if (detection.format === 'unknown') return null;
  const mapper = createRowMapper(detection.mapping);
  const rows = [...mapper.push(records).rows, ...mapper.finish().rows];
  return {
    format: detection.format,
    systems: mapper.systems().map((x) => x.name),
    records: rows.map((r) => ({
      line: r.line ?? r.idx + 1,
      value: { id: r.id, prompt: r.prompt, references: r.references, responses: r.responses },
    })),
  };
}
