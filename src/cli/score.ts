// `yardstick score FILE [--json]`: BLEU, chrF, ROUGE and exact match over a file of responses and
// references, with the same metric core (and numbers) as the browser. Interface: issue 3, "Command line".
import { parseArgs } from 'node:util';
import {
  BLEU_TOKENIZERS,
  CORPUS_BLEU_DEFAULTS,
  formatBleu,
  resolveBleuOptions,
  SMOOTH_METHODS,
  type BleuOptions,
  type BleuTokenizer,
  type SmoothMethod,
} from '../lib/metrics/bleu';
import { chrfName, formatChrf, resolveChrfOptions } from '../lib/metrics/chrf';
import { STRICT_MATCH } from '../lib/metrics/match';
import { DEFAULT_ROUGE_TYPES, isRougeType, type RougeType } from '../lib/metrics/rouge';
import { statSync } from 'node:fs';
import {
  CorpusSums,
  RowScorer,
  scoreBatch,
  type BatchScores,
  type ScoreConfig,
  type ScoreMetric,
} from './score-compute';
import { InputFileError, InputLineError, openInput, type InputFile } from './input';
import { detectFormat } from '../lib/dataset/detect-format';
import { rolesOf, sampleRecords, systemsOf } from './detected';
import {
  groupKeys,
  mappedScoreRowBatches,
  scoreRowBatches,
  type FieldNames,
  type ScoreRow,
} from './score-input';
import { defaultJobs, POOL_BATCH_ROWS, ScorePool, type PackedScores } from './score-pool';
import { Progress, Spool, writeAll } from './score-output';

const HELP = `Usage: yardstick score FILE [options]

FILE is JSONL, a JSON array of objects, or CSV with a header. Each row has an optional id, a response
and a reference (a string) or references (an array; null entries mean "no reference"). Rows without
any reference get null scores and are left out of corpus scores.

  --json                      print JSON: {rows, corpus, groups (with --by), per_row}
  --metrics LIST              bleu,chrf,rouge,exact (default: all four)
  --response-field F          field holding the response (default: response); a path such as
                              filtered_resps.0, choices.0.turns.0 or messages[-1].content reaches
                              into lists and objects (README, "Field paths")
  --reference-field F         field holding the reference(s) (default: reference or references)
  --lowercase                 case-insensitive BLEU, chrF and exact match
  --bleu-tokenize T           13a (default) | intl | zh | char | none
  --bleu-smooth M             exp (default) | floor | add-k | none
  --bleu-smooth-value X       value for floor (default 0.1) and add-k (default 1)
  --bleu-max-order N          maximum n-gram order (default 4)
  --bleu-effective-order Y    yes | no, for corpus and per-row BLEU
                              (default: no for the corpus, yes per row, as sacreBLEU)
  --chrf-char-order N         character n-gram order (default 6)
  --chrf-word-order N         word n-gram order (default 0; 2 is chrF++)
  --chrf-beta N               recall weight (default 2)
  --chrf-eps-smoothing        chrF++.py-style smoothing instead of effective order
  --rouge-types LIST          rouge1..rouge9, rougeL, rougeLsum (default rouge1,rouge2,rougeL,rougeLsum)
  --rouge-stemmer             Porter stemmer (nltk), as rouge-score's use_stemmer
  --by FIELD                  corpus scores per value of FIELD (an array counts for each element)
  --jobs N                    worker threads that score rows (default 1: the main thread); the
                              numbers do not depend on it
  -h, --help                  this text

Exit status: 0 on success, 1 for a bad file or row (reported on stderr with its line), 2 for bad options.
`;

const METRICS: readonly ScoreMetric[] = ['bleu', 'chrf', 'rouge', 'exact'];

/** A bad command line (exit 2). */
class UsageError extends Error {}

function intOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${v}'`);
  return n;
}

function choice<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  }
  return v as T;
}

function list(v: string | undefined): string[] | undefined {
  return v
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      metrics: { type: 'string' },
      'response-field': { type: 'string' },
      'reference-field': { type: 'string' },
      lowercase: { type: 'boolean' },
      'bleu-tokenize': { type: 'string' },
      'bleu-smooth': { type: 'string' },
      'bleu-smooth-value': { type: 'string' },
      'bleu-max-order': { type: 'string' },
      'bleu-effective-order': { type: 'string' },
      'chrf-char-order': { type: 'string' },
      'chrf-word-order': { type: 'string' },
      'chrf-beta': { type: 'string' },
      'chrf-eps-smoothing': { type: 'boolean' },
      'rouge-types': { type: 'string' },
      'rouge-stemmer': { type: 'boolean' },
      by: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The score configuration the flags describe. */
function configFrom(v: Values): ScoreConfig {
  const metrics = list(v.metrics) ?? [...METRICS];
  for (const m of metrics) choice('metrics', m, METRICS);
  const lowercase = v.lowercase ?? false;
  const smoothValue = v['bleu-smooth-value'];
  if (smoothValue !== undefined && !Number.isFinite(Number(smoothValue))) {
    throw new UsageError(`--bleu-smooth-value must be a number, got '${smoothValue}'`);
  }
  const eff = choice('bleu-effective-order', v['bleu-effective-order'], ['yes', 'no'] as const);
  const bleu: Partial<BleuOptions> = {
    lowercase,
    tokenize: choice<BleuTokenizer>('bleu-tokenize', v['bleu-tokenize'], BLEU_TOKENIZERS) ?? '13a',
    smoothMethod: choice<SmoothMethod>('bleu-smooth', v['bleu-smooth'], SMOOTH_METHODS) ?? 'exp',
    smoothValue: smoothValue === undefined ? null : Number(smoothValue),
    maxNgramOrder: intOption('bleu-max-order', v['bleu-max-order'], 1) ?? 4,
  };
  const beta = v['chrf-beta'];
  if (beta !== undefined && !(Number(beta) >= 0))
    throw new UsageError(`--chrf-beta must be a number ≥ 0, got '${beta}'`);
  const charOrder = intOption('chrf-char-order', v['chrf-char-order'], 0);
  const wordOrder = intOption('chrf-word-order', v['chrf-word-order'], 0);
  const types = list(v['rouge-types']) ?? [...DEFAULT_ROUGE_TYPES];
  for (const t of types)
    if (!isRougeType(t)) throw new UsageError(`--rouge-types: unknown ROUGE type '${t}'`);
  try {
    return {
      metrics: new Set(metrics as ScoreMetric[]),
      bleuCorpus: resolveBleuOptions(
        { ...bleu, effectiveOrder: eff ? eff === 'yes' : false },
        CORPUS_BLEU_DEFAULTS,
      ),
      bleuRow: resolveBleuOptions(
        { ...bleu, effectiveOrder: eff ? eff === 'yes' : true },
        CORPUS_BLEU_DEFAULTS,
      ),
      chrf: resolveChrfOptions({
        lowercase,
        ...(charOrder !== undefined && { charOrder }),
        ...(wordOrder !== undefined && { wordOrder }),
        ...(beta !== undefined && { beta: Number(beta) }),
        epsSmoothing: v['chrf-eps-smoothing'] ?? false,
      }),
      rouge: { types: types as RougeType[], useStemmer: v['rouge-stemmer'] ?? false },
      exact: { ...STRICT_MATCH, ignoreCase: lowercase },
    };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

const fmt = (x: number): string => x.toFixed(4);

/** The file's size in bytes; 0 when it cannot be read (openInput then says why). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Human-readable corpus lines. */
function textLines(corpus: Record<string, unknown>, cfg: ScoreConfig): string[] {
  const lines: string[] = [];
  const bleu = corpus['bleu'] as
    | { score: number; precisions: number[]; bp: number; sys_len: number; ref_len: number; signature: string }
    | undefined;
  if (bleu) {
    const s = { ...bleu, sysLen: bleu.sys_len, refLen: bleu.ref_len };
    lines.push(formatBleu(s, { signature: bleu.signature }));
  }
  const chrf = corpus['chrf'] as { score: number; signature: string } | undefined;
  if (chrf)
    lines.push(formatChrf({ score: chrf.score, name: chrfName(cfg.chrf) }, { signature: chrf.signature }));
  for (const t of cfg.metrics.has('rouge') ? cfg.rouge.types : []) {
    const r = corpus[t] as { precision: number; recall: number; fmeasure: number } | undefined;
    if (r) lines.push(`${t} = P ${fmt(r.precision)} R ${fmt(r.recall)} F ${fmt(r.fmeasure)}`);
  }
  const em = corpus['exact_match'] as
    { score: number; matches: number; rows: number; signature: string } | undefined;
  if (em) lines.push(`exact_match|${em.signature} = ${fmt(em.score)} (${em.matches}/${em.rows})`);
  return lines;
}

/**
 * Without field flags, a file whose first record has a `response` field is read as before; any other file is
 * detected and mapped as the page maps it, and the first system's responses are scored (named on stderr).
 */
async function rowSource(input: InputFile, names: FieldNames): Promise<AsyncGenerator<ScoreRow[]>> {
  const sample = await sampleRecords(input);
  const [first] = sample;
  const plain = typeof first === 'object' && first !== null && !Array.isArray(first) && 'response' in first;
  if (plain || first === undefined) return scoreRowBatches(input, names);
  const detection = detectFormat(sample);
  const roles = rolesOf(detection.mapping);
  const system = systemsOf(detection.mapping, sample)[0];
  if (detection.format === 'unknown' || system === undefined) return scoreRowBatches(input, names);
  process.stderr.write(
    `yardstick score: ${input.path}: detected ${detection.format}; scoring the responses of '${system}' (${roles.response}) against ${roles.reference || 'no reference'}\n`,
  );
  return mappedScoreRowBatches(input, detection.mapping, system);
}

/** Runs the command; returns the exit status. */
export async function run(argv: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  let cfg: ScoreConfig;
  try {
    ({ values, positionals } = parse(argv));
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    cfg = configFrom(values);
  } catch (e) {
    process.stderr.write(`yardstick score: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  const file = positionals[0] ?? '';
  const json = values.json ?? false;
  const by = values.by;
  let jobsFlag: number | undefined;
  try {
    jobsFlag = intOption('jobs', values.jobs, 1);
  } catch (e) {
    process.stderr.write(`yardstick score: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  const scorer = new RowScorer(cfg);
  const corpus = new CorpusSums(cfg);
  const groups = new Map<string, CorpusSums>();
  const spool = json ? new Spool() : null;
  const progress = new Progress();
  let rows = 0;
  let unreferenced = 0;
  // Folds a batch's scores into the sums and the spool, in file order; `add(sums, i)` adds row i's statistics.
  const fold = (
    batch: readonly ScoreRow[],
    add: (sums: CorpusSums, i: number) => void,
    text: string,
  ): void => {
    for (let i = 0; i < batch.length; i++) {
      add(corpus, i);
      if (by !== undefined) {
        for (const key of new Set(groupKeys(batch[i] as ScoreRow, by))) {
          let g = groups.get(key);
          if (!g) groups.set(key, (g = new CorpusSums(cfg)));
          add(g, i);
        }
      }
    }
    if (spool && batch.length > 0) spool.push(`${rows === 0 ? '\n    ' : ',\n    '}${text}`);
    rows += batch.length;
    progress.update(rows);
  };
  const foldScores = (batch: readonly ScoreRow[], scores: BatchScores): void => {
    for (const s of scores.stats) if (s === null) unreferenced++;
    fold(batch, (sums, i) => sums.add(scores.stats[i] ?? null), scores.text);
  };
  const foldPacked = (batch: readonly ScoreRow[], scores: PackedScores): void => {
    for (let i = 0; i < batch.length; i++) if (batch[i]?.references.length === 0) unreferenced++;
    fold(batch, (sums, i) => sums.addPacked(scores.packed, i), scores.text);
  };
  let pool: ScorePool | null = null;
  try {
    const input = await openInput(file);
    const names = {
      response: values['response-field'] ?? 'response',
      reference: values['reference-field'] ?? null,
    };
    const flagged = values['response-field'] !== undefined || values['reference-field'] !== undefined;
    const source = flagged ? scoreRowBatches(input, names) : await rowSource(input, names);
    pool = ScorePool.create(jobsFlag ?? defaultJobs(fileBytes(file)), cfg, json);
    if (pool === null) {
      for await (const batch of source) foldScores(batch, scoreBatch(scorer, batch, rows, json));
    } else {
      // Batches in flight, oldest first; a few per worker keep them busy while memory stays bounded.
      const inFlight: { batch: ScoreRow[]; scores: Promise<PackedScores> }[] = [];
      const depth = 4 * pool.size;
      let submitted = 0;
      for await (const batch of source) {
        for (let at = 0; at < batch.length; at += POOL_BATCH_ROWS) {
          const part = batch.slice(at, at + POOL_BATCH_ROWS);
          const scores = pool.submit(part, submitted);
          scores.catch(() => undefined); // awaited in order below; a failure is reported there
          inFlight.push({ batch: part, scores });
          submitted += part.length;
          while (inFlight.length > depth) {
            const next = inFlight.shift();
            if (next) foldPacked(next.batch, await next.scores);
          }
        }
      }
      for (const next of inFlight) foldPacked(next.batch, await next.scores);
    }
  } catch (e) {
    spool?.close();
    progress.done();
    const msg =
      e instanceof InputLineError || e instanceof InputFileError
        ? e.message
        : `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`yardstick score: ${msg}\n`);
    return 1;
  } finally {
    await pool?.close();
  }
  progress.done();
  if (unreferenced > 0) {
    process.stderr.write(
      `yardstick score: ${unreferenced} of ${rows} rows have no reference; they are left out of corpus scores\n`,
    );
  }
  const corpusJson = corpus.json();
  const groupJson: Record<string, { rows: number; corpus: Record<string, unknown> }> = {};
  for (const [key, g] of groups) groupJson[key] = { rows: g.members, corpus: g.json() };
  if (spool) {
    const head: Record<string, unknown> = { rows, corpus: corpusJson };
    if (by !== undefined) head['groups'] = groupJson;
    // {rows, corpus, groups, per_row}: the head pretty-printed, then the spooled rows, one per line.
    const open = JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "per_row": [');
    await writeAll(process.stdout, open);
    await spool.copyTo(process.stdout);
    await writeAll(process.stdout, rows === 0 ? ']\n}\n' : '\n  ]\n}\n');
    return 0;
  }
  const lines = [`rows: ${rows}`, ...textLines(corpusJson, cfg)];
  for (const [key, g] of Object.entries(groupJson)) {
    lines.push('', `[${by}=${key}] rows: ${g.rows}`, ...textLines(g.corpus, cfg));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
