// Human-evaluation statistics benchmark: time of the pure results functions on synthetic annotations of a size a
// real project reaches (thousands of items, several annotators, ≥3 systems). Prints a table of milliseconds.
//   npx tsx bench/ratings.ts [items=5000]
import { mulberry32 } from '../src/lib/core/random';
import { computePairwiseSummary } from '../src/lib/ratings/winrate';
import { fitBradleyTerry } from '../src/lib/ratings/bradley-terry';
import { votesToBattles } from '../src/lib/ratings/slices';
import { pairwiseAgreement, likertAgreement } from '../src/lib/ratings/agreement-report';
import { summarizeLikert } from '../src/lib/ratings/likert';
import type { LikertVote, PairwiseChoice, PairwiseVote } from '../src/lib/ratings/types';

const ITEMS = Number(process.argv[2] ?? 5000);
const rand = mulberry32(1);
const choices: PairwiseChoice[] = ['A', 'B', 'tie', 'both-bad', 'skip'];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const pairVotes: PairwiseVote[] = [];
for (let i = 0; i < ITEMS; i++)
  for (const annotator of ['ann', 'bob', 'cat'])
    pairVotes.push({ rowId: `r${i}`, annotator, left: 'ft', right: 'base', choice: pick(choices) });
const systems = ['base', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5'];
const btVotes: PairwiseVote[] = [];
for (let i = 0; i < ITEMS; i++) {
  const a = pick(systems);
  const b = pick(systems.filter((s) => s !== a));
  btVotes.push({ rowId: `r${i}`, annotator: 'ann', left: a, right: b, choice: pick(choices) });
}
const likert: LikertVote[] = [];
for (let i = 0; i < ITEMS; i++)
  for (const annotator of ['ann', 'bob'])
    for (const system of ['ft', 'base'])
      for (const dimension of ['helpfulness', 'correctness', 'tone'])
        likert.push({ rowId: `r${i}`, annotator, system, dimension, score: 1 + Math.floor(rand() * 5) });

function time(label: string, f: () => unknown): void {
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  console.log(`| ${label.padEnd(58)} | ${ms.toFixed(1).padStart(9)} |`);
}

console.log(`items = ${ITEMS}`);
console.log(`| ${'step'.padEnd(58)} | ${'ms'.padStart(9)} |`);
console.log(`|${'-'.repeat(60)}|${'-'.repeat(11)}|`);
time(`win rate, 3 annotators, bootstrap 1000 (${pairVotes.length} votes)`, () =>
  computePairwiseSummary(pairVotes, 'ft', 'base'),
);
time(`pairwise agreement (percent, Cohen ×3, Fleiss, α)`, () => pairwiseAgreement(pairVotes, 'ft', 'base'));
time(`Bradley–Terry, 6 systems, bootstrap 200 (${btVotes.length} battles)`, () =>
  fitBradleyTerry(votesToBattles(btVotes), 'base'),
);
time(`Likert summary, 2 systems × 3 dims, bootstrap 1000 (${likert.length} scores)`, () =>
  summarizeLikert(likert, ['ft', 'base'], ['helpfulness', 'correctness', 'tone'], { min: 1, max: 5 }),
);
time(`Likert agreement (weighted κ ×2, α ordinal + interval)`, () =>
  likertAgreement(likert, ['helpfulness', 'correctness', 'tone'], { min: 1, max: 5 }),
);
