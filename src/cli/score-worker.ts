// A worker thread of `yardstick score --jobs N`: scores the batches of rows it is sent with the same RowScorer
// as the single-threaded path and sends back each row's statistics and per_row entries. It holds no state that
// changes a number (the scorers' scratch buffers are results-neutral), so which worker scores a batch does not
// matter.
import { parentPort, workerData } from 'node:worker_threads';
import { packStats, RowScorer, scoreBatch, type ScoreConfig } from './score-compute';
import type { PoolReply, PoolRequest } from './score-pool';

const port = parentPort;
if (port) {
  const { cfg, json } = workerData as { cfg: ScoreConfig; json: boolean };
  const scorer = new RowScorer(cfg);
  port.on('message', (req: PoolRequest) => {
    let reply: PoolReply;
    try {
      const rows = req.ids.map((id, i) => ({
        id,
        response: req.responses[i] ?? '',
        references: req.references[i] ?? [],
      }));
      const { stats, text } = scoreBatch(scorer, rows, req.first, json);
      const packed = packStats(cfg, stats);
      reply = { seq: req.seq, packed, text };
      port.postMessage(reply, [packed.buffer]);
    } catch (e) {
      reply = { seq: req.seq, error: e instanceof Error ? e.message : String(e) };
      port.postMessage(reply);
    }
  });
}
