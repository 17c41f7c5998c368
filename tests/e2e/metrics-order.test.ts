// The app's metrics worker (the built file, in Chromium) on 3,000 WMT17 pairs, in file order and in a shuffled order
// of rows and systems: every row's sentence BLEU, chrF, chrF++ and ROUGE equals sacreBLEU 2.6.0 / rouge-score 0.1.2
// (tests/fixtures/reference/wmt17_pairs.json.gz) and equals the same row in the other order. The worker keeps its
// scratch buffers from one pair to the next, so only many pairs through one worker in different orders can show a
// result that depends on their size history.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { appWorkerFile } from '../../bench/app-job';
import { mulberry32, shuffled } from '../../src/lib/core/random';
import type { MetricJob, MetricResult, RowValue } from '../../src/lib/metrics/run';
import { defaultMetricsConfig } from '../../src/lib/metrics/run/plan';
import { ulpDistance } from '../fixtures/reference/ulps';

const SEGMENTS = 600;
const dir = new URL('../fixtures/reference/', import.meta.url);
const corpus = JSON.parse(readFileSync(new URL('wmt17_en_de_corpus.json', dir), 'utf8')) as {
  reference: string[];
  systems: Record<string, string[]>;
};
const expected = JSON.parse(
  gunzipSync(readFileSync(new URL('wmt17_pairs.json.gz', dir))).toString('utf8'),
) as {
  systems: Record<string, { per_pair: Record<string, number[]> }>;
};
const SYSTEMS = Object.keys(corpus.systems);

/** A job over the first SEGMENTS segments of every system, rows and systems in the given orders. */
function job(order: number[], systems: string[], wordOrder: number, useStemmer: boolean): MetricJob {
  const cfg = defaultMetricsConfig();
  return {
    rows: order.map((i, idx) => ({
      idx,
      id: `seg-${i}`,
      references: [corpus.reference[i] ?? ''],
      responses: Object.fromEntries(systems.map((s) => [s, corpus.systems[s]?.[i] ?? ''])),
      tags: [],
    })),
    systems,
    config: {
      bleu: cfg.bleu,
      chrf: { ...cfg.chrf, wordOrder },
      rouge: { ...cfg.rouge, useStemmer },
    },
    stats: { bootstrapSamples: 1, arTrials: 1, seed: 1, level: 0.95 },
  };
}

let s: BrowserSession;
let workerFile: string;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
  workerFile = appWorkerFile(inject('distDir'));
  await s.page.goto(inject('baseUrl'));
});
afterAll(async () => s?.close());

/** Runs a job in one instance of the app's metrics worker. */
async function runInWorker(j: MetricJob): Promise<MetricResult[]> {
  return s.page.evaluate(
    async ({ file, job }) => {
      const w = new Worker(`./assets/${file}`, { type: 'module' });
      try {
        return await new Promise<MetricResult[]>((done, fail) => {
          w.onmessage = (e: MessageEvent<{ type: string; results?: MetricResult[]; message?: string }>) => {
            if (e.data.type === 'progress') return;
            if (e.data.type === 'scored') done(e.data.results ?? []);
            else fail(new Error(e.data.message ?? e.data.type));
          };
          w.postMessage({ type: 'score', id: 'order', job });
        });
      } finally {
        w.terminate();
      }
    },
    { file: workerFile, job: j },
  );
}

/** metric key → "system#segment" → value, from a run's per-row results. */
function perPair(results: MetricResult[], j: MetricJob): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of results) {
    r.perRow.forEach((v: RowValue | null, k) => {
      const seg = j.rows[k]?.id.slice(4);
      for (const [key, value] of Object.entries(v ?? {})) {
        if (key === 'stat' || typeof value !== 'number') continue;
        const m = out.get(key) ?? new Map<string, number>();
        m.set(`${r.system}#${seg}`, value);
        out.set(key, m);
      }
    });
  }
  return out;
}

describe.each([
  { label: 'chrF and ROUGE with the stemmer', wordOrder: 0, useStemmer: true, chrf: 'chrf', suffix: '_stem' },
  { label: 'chrF++ and ROUGE without it', wordOrder: 2, useStemmer: false, chrf: 'chrfpp', suffix: '' },
])('the metrics worker on 3,000 WMT17 pairs: BLEU, $label', ({ wordOrder, useStemmer, chrf, suffix }) => {
  it('gives every pair the reference value, in file order and shuffled', async () => {
    const fileOrder = Array.from({ length: SEGMENTS }, (_, i) => i);
    const runs: Map<string, Map<string, number>>[] = [];
    for (const [order, systems] of [
      [fileOrder, SYSTEMS],
      [shuffled(fileOrder, mulberry32(4900 + wordOrder)), [...SYSTEMS].reverse()],
    ] as const) {
      const j = job(order, systems, wordOrder, useStemmer);
      runs.push(perPair(await runInWorker(j), j));
    }
    const [first, second] = runs;
    const columns: [string, string, number][] = [
      ['bleu', 'bleu', 1], // pymath's exp is correctly rounded, the C library's (sacreBLEU's) not always: 1 ulp
      ['chrf', chrf, 0],
      ...['rouge1', 'rouge2', 'rougeL', 'rougeLsum'].map((t): [string, string, number] => [
        t,
        `${t}${suffix}`,
        0,
      ]),
    ];
    for (const [key, column, allowed] of columns) {
      const a = first?.get(key);
      const b = second?.get(key);
      expect(a?.size, key).toBe(SEGMENTS * SYSTEMS.length);
      const bad: string[] = [];
      for (const [pair, value] of a ?? []) {
        const [system = '', seg = ''] = pair.split('#');
        const want = expected.systems[system]?.per_pair[column]?.[Number(seg)] ?? NaN;
        if (b?.get(pair) !== value)
          bad.push(`${key} ${pair}: ${value} in file order, ${b?.get(pair)} shuffled`);
        if (ulpDistance(value, want) > allowed) bad.push(`${key} ${pair}: ${value}, reference ${want}`);
      }
      expect(bad.slice(0, 5)).toEqual([]);
    }
  });
});
