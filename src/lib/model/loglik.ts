// Log-likelihood engine: runs window batches through a causal LM and sums token NLLs per sequence. Pure code
// over a small LM interface, so the same loop runs in the worker, the CLI and in tests with a float64 reference.
import { nllAt } from '../metrics/perplexity/log-softmax';
import { planWindows, type ScoringWindow } from './windows';
import type { TokenSequence } from './sequences';

/** Logits of one forward pass, row-major [batch, seq, vocab]. */
export interface Logits {
  data: ArrayLike<number>;
  seq: number;
  vocab: number;
}

/** The one thing scoring needs from a model: logits for a batch of unpadded sequences. */
export interface CausalLm {
  forward(batch: readonly (readonly number[])[]): Promise<Logits>;
}

/** A sequence to score, identified by the caller's key. */
export interface ScoringJob extends TokenSequence {
  key: string;
  /** Keep per-token NLLs (the surprisal view). */
  detail?: boolean;
}

/** One sequence's result. */
export interface SequenceScore {
  key: string;
  /** Scored tokens. */
  tokens: number;
  /** Σ NLL in nats. */
  nllSum: number;
  /** Per-token NLL of positions firstScored.. (only with `detail`); NaN where a token was not scored. */
  tokenNll?: number[];
}

/** Window settings. */
export interface WindowSettings {
  maxLength: number;
  stride: number;
  /** Windows per forward call. */
  batchSize: number;
}

/** Hooks between batches: stop early, report progress. */
export interface ScoringHooks {
  /** Called before each batch; return true to stop (results so far are kept). */
  shouldStop?: () => boolean | Promise<boolean>;
  /** After each batch: the sequences completed by it, and totals. */
  onBatch?: (
    completed: SequenceScore[],
    progress: { windowsDone: number; windowsTotal: number; tokensScored: number },
  ) => void;
}

interface PendingWindow {
  job: number;
  window: ScoringWindow;
  /** Last window of its job. */
  last: boolean;
}

/** Scores all jobs; returns completed sequences in job order and whether it stopped early. */
export async function scoreJobs(
  lm: CausalLm,
  jobs: readonly ScoringJob[],
  settings: WindowSettings,
  hooks: ScoringHooks = {},
): Promise<{ scores: SequenceScore[]; stopped: boolean }> {
  const pending: PendingWindow[] = [];
  const acc: SequenceScore[] = jobs.map((j) => {
    const s: SequenceScore = { key: j.key, tokens: 0, nllSum: 0 };
    if (j.detail) s.tokenNll = new Array<number>(Math.max(0, j.tokens.length - j.firstScored)).fill(NaN);
    return s;
  });
  const done: SequenceScore[] = [];
  jobs.forEach((job, i) => {
    const windows = planWindows(job.tokens.length, job.firstScored, settings.maxLength, settings.stride);
    windows.forEach((w, k) => pending.push({ job: i, window: w, last: k === windows.length - 1 }));
  });
  // Jobs with nothing to score (empty text, a single token without a prefix) complete at once.
  const emptyDone = jobs.flatMap((job, i) =>
    planWindows(job.tokens.length, job.firstScored, settings.maxLength, settings.stride).length === 0
      ? [acc[i] as SequenceScore]
      : [],
  );
  done.push(...emptyDone);
  if (emptyDone.length > 0)
    hooks.onBatch?.(emptyDone, { windowsDone: 0, windowsTotal: pending.length, tokensScored: 0 });
  let tokensScored = 0;
  const batchSize = Math.max(1, Math.floor(settings.batchSize));
  for (let b = 0; b < pending.length; b += batchSize) {
    if (await hooks.shouldStop?.()) return { scores: done, stopped: true };
    const batch = pending.slice(b, b + batchSize);
    const inputs = batch.map((p) => (jobs[p.job] as ScoringJob).tokens.slice(p.window.begin, p.window.end));
    const logits = await lm.forward(inputs);
    const completed: SequenceScore[] = [];
    batch.forEach((p, row) => {
      const job = jobs[p.job] as ScoringJob;
      const score = acc[p.job] as SequenceScore;
      const { begin, end, firstTarget } = p.window;
      for (let t = firstTarget; t < end; t++) {
        // logits at window position (t − 1 − begin) predict token t.
        const offset = (row * logits.seq + (t - 1 - begin)) * logits.vocab;
        const nll = nllAt(logits.data, offset, logits.vocab, job.tokens[t] ?? 0);
        score.nllSum += nll;
        score.tokens++;
        if (score.tokenNll) score.tokenNll[t - job.firstScored] = nll;
      }
      tokensScored += end - firstTarget;
      if (p.last) completed.push(score);
    });
    done.push(...completed);
    hooks.onBatch?.(completed, {
      windowsDone: Math.min(pending.length, b + batchSize),
      windowsTotal: pending.length,
      tokensScored,
    });
  }
  const order = new Map(jobs.map((j, i) => [j.key, i]));
  done.sort((x, y) => (order.get(x.key) ?? 0) - (order.get(y.key) ?? 0));
  return { scores: done, stopped: false };
}
