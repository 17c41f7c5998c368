// The command line end to end beside sacreBLEU 2.6.0 and rouge-score 0.1.2, on the 15,020 WMT17 en-de pairs:
// `yardstick score` (the prebuilt bundle, as `npm run cli` runs it) per metric family, best of N, its start-up (a
// one-row file) subtracted; the same families in Python from source (bench/reference_speed.py) when Python and the
// sources are present; `--help` start-up; the app's metrics worker in Chromium on the same pairs; 1M pairs (the
// corpus repeated) with peak memory. Prints a Markdown table and the machine's load.
//   SACREBLEU_SRC=/path/to/sacrebleu ROUGE_SCORE_SRC=/path/to/rouge-score [PYTHON=python3] npx tsx bench/cli.ts
// BENCH_REPS (default 3) sets the repetitions, BENCH_MILLION=0 skips the 1M-pair run.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { defaultJobs } from '../src/cli/score-pool';
import { openBrowser } from '../tests/e2e/browser';
import { SUB_PATH } from '../tests/e2e/global-setup';
import { buildAndServe } from '../tests/e2e/serve';
import { appJob, appWorkerFile, browserAppJobMs } from './app-job';
import type { Wmt17 } from './metrics-core';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'bench/out');
const reps = Number(process.env['BENCH_REPS'] ?? 3);
const data = JSON.parse(
  readFileSync(join(root, 'tests/fixtures/reference/wmt17_en_de_corpus.json'), 'utf8'),
) as Wmt17;

/** Family name (as bench/reference_speed.py names it) and its `score` flags. */
const FAMILIES: [string, string[]][] = [
  ['corpus BLEU', ['--metrics', 'bleu']],
  ['sentence BLEU', ['--metrics', 'bleu', '--json']],
  ['chrF', ['--metrics', 'chrf']],
  ['chrF++', ['--metrics', 'chrf', '--chrf-word-order', '2']],
  ['ROUGE 1/2/L/Lsum, stemmer', ['--metrics', 'rouge', '--rouge-stemmer']],
  ['ROUGE 1/2/L, no stemmer', ['--metrics', 'rouge', '--rouge-types', 'rouge1,rouge2,rougeL']],
];
const APP_FLAGS = ['--metrics', 'bleu,chrf,rouge', '--rouge-stemmer'];

async function jsonl(file: string, repeats: number): Promise<number> {
  const stream = createWriteStream(file);
  let n = 0;
  for (let k = 0; k < repeats; k++) {
    for (const [system, hyps] of Object.entries(data.systems)) {
      const lines = hyps.map((response, i) => {
        n++;
        const id = repeats > 1 ? `${system}#${i}#${k}` : `${system}#${i}`;
        return JSON.stringify({ id, system, response, reference: data.reference[i] ?? '' });
      });
      stream.write(`${lines.join('\n')}\n`);
    }
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return n;
}

const MAIN = join(root, 'build/cli/main.js');

/** Best wall-clock milliseconds of `node build/cli/main.js ARGS` (stdout discarded). */
function timeCli(args: string[], n = reps): number {
  let best = Infinity;
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - t0;
    if (res.status !== 0) throw new Error(`yardstick ${args.join(' ')}: ${res.stderr.toString()}`);
    best = Math.min(best, ms);
  }
  return best;
}

interface Reference {
  versions: Record<string, string>;
  rates: Record<string, number>;
}

function reference(file: string): Reference | string {
  const srcs = [process.env['SACREBLEU_SRC'], process.env['ROUGE_SCORE_SRC']].filter((s): s is string => !!s);
  const python = process.env['PYTHON'] ?? 'python3';
  const env = { ...process.env, PYTHONPATH: [...srcs, process.env['PYTHONPATH'] ?? ''].join(':') };
  const probe = spawnSync(python, ['-c', 'import sacrebleu, rouge_score'], { env, encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error
      ? `${python} not found`
      : (probe.stderr.trim().split('\n').pop() ?? 'import failed');
    return `reference skipped: ${why} (set PYTHON, SACREBLEU_SRC and ROUGE_SCORE_SRC to run sacreBLEU and rouge-score from source)`;
  }
  const res = spawnSync(python, [join(root, 'bench/reference_speed.py'), file, String(reps)], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (res.status !== 0) return `reference failed (exit ${res.status})`;
  return JSON.parse(res.stdout) as Reference;
}

const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

async function browserVsCli(file: string, pairs: number, startup: number): Promise<string> {
  const served = await buildAndServe({ subPath: SUB_PATH, prefix: 'bench-' });
  const session = await openBrowser(served.url);
  try {
    await session.page.goto(served.url);
    const worker = await browserAppJobMs(session.page, appWorkerFile(served.outDir), appJob(data));
    const cli = timeCli(['score', file, ...APP_FLAGS]) - startup;
    if (session.external.length > 0) throw new Error(`external requests: ${session.external.join(', ')}`);
    return (
      `| BLEU + chrF + ROUGE (stemmer), ${fmt(pairs)} pairs | CLI ${fmt((pairs / cli) * 1000)} pairs/s | ` +
      `metrics worker in Chromium ${fmt((pairs / worker) * 1000)} pairs/s | worker time ÷ CLI time ${(worker / cli).toFixed(2)} |`
    );
  } finally {
    await session.close();
    await served.close();
  }
}

async function million(startup: number): Promise<string> {
  const repeats = Math.ceil(1_000_000 / (data.reference.length * Object.keys(data.systems).length));
  const file = join(out, 'wmt17-1m.jsonl');
  const pairs = await jsonl(file, repeats);
  const rss = join(out, 'rss.txt');
  const t0 = performance.now();
  const res = spawnSync(
    process.execPath,
    ['--import', join(root, 'bench/rss-report.mjs'), MAIN, 'score', file, '--json'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RSS_REPORT: rss } },
  );
  const ms = performance.now() - t0 - startup;
  rmSync(file, { force: true });
  if (res.status !== 0) throw new Error(`1M run: ${res.stderr.toString()}`);
  const mib = Number(readFileSync(rss, 'utf8')) / 1024;
  return `| all four metrics, --json, ${fmt(pairs)} pairs | ${fmt((pairs / ms) * 1000)} pairs/s | peak RSS ${fmt(mib)} MiB |`;
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const load0 = loadavg();
  await buildCli({ quiet: true });
  const file = join(out, 'wmt17.jsonl');
  const one = join(out, 'one.jsonl');
  const pairs = await jsonl(file, 1);
  writeFileSync(one, `${JSON.stringify({ id: 'a', response: 'a b c d', reference: 'a b c e' })}\n`);
  const help = timeCli(['--help'], 5);

  console.log('Reference (sacreBLEU / rouge-score)…');
  const ref = reference(file);
  console.log('yardstick score…');
  const rows: string[] = [];
  const jobs = Math.max(2, defaultJobs(statSync(file).size));
  for (const [name, flags] of FAMILIES) {
    const startup = timeCli(['score', one, ...flags], 5);
    const refRate = typeof ref === 'string' ? NaN : (ref.rates[name] ?? NaN);
    const cells: string[] = [];
    for (const j of [1, jobs]) {
      const rate = (pairs / (timeCli(['score', file, ...flags, '--jobs', String(j)]) - startup)) * 1000;
      cells.push(fmt(rate), Number.isFinite(refRate) ? `${(rate / refRate).toFixed(1)}x` : '–');
    }
    rows.push(`| ${name} | ${fmt(refRate)} | ${cells.join(' | ')} | ${Math.round(startup)} ms |`);
  }
  const startup = timeCli(['score', one, ...APP_FLAGS], 5);
  console.log('Chromium metrics worker…');
  const browser = await browserVsCli(file, pairs, startup);
  const big =
    process.env['BENCH_MILLION'] === '0' ? null : (console.log('1M pairs…'), await million(startup));
  const load1 = loadavg();

  const cpu = cpus();
  console.log(`\nWMT17 en-de, ${fmt(pairs)} pairs; pairs/s end to end, start-up subtracted, best of ${reps}`);
  console.log(
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average ` +
      `${load0[0]?.toFixed(2)} before, ${load1[0]?.toFixed(2)} after` +
      (typeof ref === 'string'
        ? ''
        : `; sacreBLEU ${ref.versions['sacrebleu']}, Python ${ref.versions['python']}`),
  );
  if (typeof ref === 'string') console.log(ref);
  console.log(
    `\n| work | sacreBLEU / rouge-score | \`cli score --jobs 1\` | ratio | \`cli score\` (${jobs} worker threads) | ratio | start-up |\n|---|---|---|---|---|---|---|`,
  );
  for (const r of rows) console.log(r);
  console.log(`\n\`cli --help\` start-up: ${Math.round(help)} ms\n`);
  console.log(browser);
  if (big) console.log(big);
}

await main();
