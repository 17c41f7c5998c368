// The timed work of bench/metrics, shared by Node and the browser bench worker so both run identical code.
import { corpusBleuSegments, sentenceBleu } from '../src/lib/metrics/bleu';
import { corpusChrfSegments } from '../src/lib/metrics/chrf';
import { DEFAULT_ROUGE_TYPES, RougeScorer } from '../src/lib/metrics/rouge';

/** The WMT17 en-de file: one reference stream and five systems of 3004 segments. */
export interface Wmt17 {
  reference: string[];
  systems: Record<string, string[]>;
}

/** One measurement: how many hypothesis/reference pairs took how long (best of the repetitions). */
export interface Timing {
  name: string;
  pairs: number;
  ms: number;
}

function best(reps: number, fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

/** Times corpus BLEU, sentence BLEU, corpus chrF and ROUGE (rouge1/2/L/Lsum, stemmer on) over every system. */
export function timeMetrics(data: Wmt17, reps = 3): Timing[] {
  const refs = data.reference.map((r) => [r]);
  const systems = Object.values(data.systems);
  const pairs = systems.length * data.reference.length;
  let sink = 0;
  const out: Timing[] = [
    {
      name: 'corpus BLEU',
      pairs,
      ms: best(reps, () => {
        for (const h of systems) sink += corpusBleuSegments(h, refs).score;
      }),
    },
    {
      name: 'sentence BLEU',
      pairs,
      ms: best(reps, () => {
        for (const h of systems)
          for (let i = 0; i < h.length; i++) sink += sentenceBleu(h[i] ?? '', refs[i] ?? []).score;
      }),
    },
    {
      name: 'chrF',
      pairs,
      ms: best(reps, () => {
        for (const h of systems) sink += corpusChrfSegments(h, refs).score;
      }),
    },
    {
      // A fresh scorer per repetition, so stems are memoized only within the run being timed.
      name: 'ROUGE 1/2/L/Lsum + stemmer',
      pairs,
      ms: best(reps, () => {
        const scorer = new RougeScorer({ types: DEFAULT_ROUGE_TYPES, useStemmer: true });
        for (const h of systems)
          for (let i = 0; i < h.length; i++)
            sink += scorer.score(h[i] ?? '', refs[i] ?? [])?.rougeL?.fmeasure ?? 0;
      }),
    },
  ];
  if (Number.isNaN(sink)) throw new Error('unexpected NaN score');
  return out;
}
