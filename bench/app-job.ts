// The app's own metrics job over the WMT17 pairs, and its timing in the app's metrics worker in Chromium: shared by
// bench/metrics.ts and bench/cli.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { MetricJob } from '../src/lib/metrics/run';
import { defaultMetricsConfig } from '../src/lib/metrics/run/plan';
import type { Wmt17 } from './metrics-core';

/** BLEU, chrF and ROUGE (stemmer) for every system, one bootstrap sample (scoring dominates). */
export function appJob(data: Wmt17): MetricJob {
  const systems = Object.keys(data.systems);
  const cfg = defaultMetricsConfig();
  return {
    rows: data.reference.map((ref, i) => ({
      idx: i,
      id: `seg-${i + 1}`,
      references: [ref],
      responses: Object.fromEntries(systems.map((s) => [s, data.systems[s]?.[i] ?? ''])),
      tags: [],
    })),
    systems,
    config: { bleu: cfg.bleu, chrf: cfg.chrf, rouge: { ...cfg.rouge, useStemmer: true } },
    stats: { bootstrapSamples: 1, arTrials: 1, seed: 12345, level: 0.95 },
  };
}

/** The built app's metrics worker file (assets/metrics.worker-*.js). */
export function appWorkerFile(outDir: string): string {
  const file = readdirSync(join(outDir, 'assets')).find((f) => /^metrics\.worker-.*\.js$/.test(f));
  if (!file) throw new Error('the app build has no metrics worker');
  return file;
}

/** Best of `reps` milliseconds for the job in the app's metrics worker, on a page of the served app. */
export async function browserAppJobMs(page: Page, file: string, job: MetricJob, reps = 2): Promise<number> {
  // No named inner functions here: tsx would wrap them in a __name helper the page does not have.
  return page.evaluate(
    async ({ file, job, reps }) => {
      const w = new Worker(`./assets/${file}`, { type: 'module' });
      let best = Infinity;
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        await new Promise<void>((done, fail) => {
          w.onmessage = (e: MessageEvent<{ type: string; message?: string }>) => {
            if (e.data.type === 'progress') return;
            if (e.data.type === 'scored') done();
            else fail(new Error(e.data.message ?? e.data.type));
          };
          w.postMessage({ type: 'score', id: `b${r}`, job });
        });
        best = Math.min(best, performance.now() - t0);
      }
      w.terminate();
      return best;
    },
    { file, job, reps },
  );
}
