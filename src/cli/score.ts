// `yardstick score FILE [--json]`: BLEU, chrF, ROUGE and exact match over a file of responses and
// references, with the same metric core (and numbers) as the browser. Interface: issue 3, "Command line".
import { formatBleu } from '../lib/metrics/bleu';
import { chrfName, formatChrf } from '../lib/metrics/chrf';
import { statSync } from 'node:fs';
import { CorpusSums, RowScorer, scoreBatch, type BatchScores, type ScoreConfig } from './score-compute';
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

import { configFrom, HELP, intOption, parse, UsageError, type Values } from './score-options';

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
