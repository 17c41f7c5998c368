// Data table sorting and score loading at scale, in Node: index permutations over 100k rows by a score column,
// by the row number, and by text columns (ids, prompts, responses sharing long prefixes, the hard case for the
// collator); then a run's row scores read into a Float64Array through the repository (fake-indexeddb, so the
// read figure is Node's, not a browser's). Prints milliseconds per operation (median of 5).
//   npx tsx bench/data-sort.ts [rows=100000]
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import type { Row } from '../src/lib/core/types';
import { sortRows, type ScoreColumn } from '../src/lib/ui/data-columns';
import { filterRows } from '../src/lib/ui/row-filter';
import { openDb } from '../src/lib/db/schema';
import { loadRunScores } from '../src/lib/db/scores';
import { columnValue } from '../src/lib/state/score-columns';

const ROWS = Number(process.argv[2] ?? 100_000);
const words =
  'the model answers each question with a short and mostly correct explanation of its reasoning'.split(' ');
const text = (seed: number, length: number): string => {
  let s = '';
  for (let i = 0; s.length < length; i++) s += `${words[(seed * 31 + i * 7) % words.length]} `;
  return s.slice(0, length);
};

const rows: Row[] = Array.from({ length: ROWS }, (_, idx) => ({
  idx,
  id: `item-${(idx * 7919) % ROWS}`,
  // A shared template prefix, as in real prompt sets: every comparison walks ~60 equal characters first.
  prompt: `Answer the following question briefly and cite a source. ${text(idx, 200)}`,
  references: [text(idx + 1, 200)],
  responses: { base: text(idx + 2, 240), finetuned: text(idx + 3, 240) },
  tags: [`cat-${idx % 12}`],
  metadata: {},
}));
let seed = 42;
const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const values = Float64Array.from({ length: ROWS }, () =>
  rand() < 0.05 ? NaN : Math.round(rand() * 10000) / 100,
);
const score: ScoreColumn = { id: 'score', label: 'BLEU', title: '', values, digits: 2 };

function median(f: () => unknown, times = 5): number {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)] ?? NaN;
}

const table: { operation: string; ms: string }[] = [];
const add = (operation: string, ms: number): void => void table.push({ operation, ms: ms.toFixed(1) });
for (const [column, label] of [
  ['score', 'score column (5% missing)'],
  ['idx', '# (row number)'],
  ['id', 'ID (natural order)'],
  ['prompt', 'prompt (shared prefix)'],
  ['system:finetuned', 'response'],
] as const) {
  for (const direction of ['ascending', 'descending'] as const)
    add(
      `sort ${ROWS} rows by ${label}, ${direction}`,
      median(() => sortRows(rows, { column, direction }, [score])),
    );
}
const sorted = sortRows(rows, { column: 'score', direction: 'descending' }, [score]);
add(
  `search "mostly correct" over ${ROWS} sorted rows`,
  median(() => filterRows(sorted, 'mostly correct', null)),
);

const db = openDb('bench-data-sort');
await db.open();
await db.rowScores.bulkPut(
  Array.from({ length: ROWS }, (_, i) => ({
    runId: 'run',
    rowIdx: i,
    rowId: `item-${i}`,
    value: { stat: [10, 9, 8, 7, 12, 11, 10, 9, 12, 12], bleu: values[i] ?? 0 },
  })),
);
const t = performance.now();
const loaded = await loadRunScores(db, 'run', ROWS, (v) => columnValue({ metric: 'bleu', key: 'bleu' }, v));
add(`load ${ROWS} BLEU row scores into a Float64Array (fake-indexeddb)`, performance.now() - t);
if (loaded.length !== ROWS) throw new Error('wrong length');
db.close();
await Dexie.delete('bench-data-sort');

console.table(table);
