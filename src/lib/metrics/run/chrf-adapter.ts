// chrF / chrF++ in the runner: per-row statistics of the best reference (sacreBLEU CHRF), summed for the corpus.
import { chrfSegmentStats, chrfSignature, computeChrf, resolveChrfOptions } from '../chrf';
import { countRefs } from '../bleu';
import type { MetricAdapter } from './adapters';
import { allIndices, sumStatsAt } from './vectors';
import type { ChrfSettings } from './types';

/** The chrF adapter: `stat` is the segment's statistics vector; per-row chrF is sentence_chrf. */
export function chrfAdapter(cfg: ChrfSettings): MetricAdapter {
  const o = resolveChrfOptions(cfg);
  const width = 3 * (o.charOrder + o.wordOrder);
  return {
    name: 'chrf',
    keys: ['chrf'],
    proportionKeys: [],
    row(row, response) {
      if (row.references.length === 0) return 'no reference';
      const stat = chrfSegmentStats(response, row.references, o, row.idx);
      return { stat, chrf: computeChrf(stat, o) };
    },
    keyValues: (values, idx) => [computeChrf(sumStatsAt(values, idx, width), o)],
    details: (values) => ({ stats: sumStatsAt(values, allIndices(values.length), width) }),
    signature: (rows) => chrfSignature(o, countRefs(rows.map((r) => r.references))),
  };
}
