// The worker's request handler in Node against real transformers.js + onnxruntime-node with the generated models:
// every quantity is checked against the bigram closed form or the float64 attention forward pass to 1e-6 relative.
import { beforeAll, describe, expect, it } from 'vitest';
import { choiceAccuracy, choiceContinuation } from '../../src/lib/metrics/perplexity/choice';
import { createNodeModelHandler, request } from '../../src/lib/model/node-handler';
import type { ItemResult, ModelResponse, ScoreItem, ScoreOptions } from '../../src/lib/model/protocol';
import { EOS_ID, attnNll, attnWindowedNll, bigramNll, byteIds, relErr } from './model-reference';

const handler = createNodeModelHandler();
const TOL = 1e-6;
const OPTS: ScoreOptions = { maxLength: 1024, stride: 512, batchSize: 4, addBos: false, chatTemplate: false };
const TEXT =
  'It is a truth universally acknowledged, that a single man ñ€ must be in want of a wife. abcdefg';

function results(out: ModelResponse[]): Map<string, ItemResult> {
  const m = new Map<string, ItemResult>();
  for (const r of out) if (r.type === 'scored') for (const x of r.results) m.set(x.key, x);
  return m;
}

async function score(modelKey: string, items: ScoreItem[], options: Partial<ScoreOptions> = {}) {
  const out = await request(handler, {
    type: 'score',
    id: 100,
    modelKey,
    items,
    options: { ...OPTS, ...options },
  });
  const last = out[out.length - 1];
  if (last?.type === 'error') throw new Error(last.message);
  return { out, byKey: results(out) };
}

beforeAll(async () => {
  for (const id of ['tiny-bigram', 'tiny-attn']) {
    const out = await request(handler, {
      type: 'load',
      id: 1,
      modelKey: id,
      source: { kind: 'bundled', id },
      device: 'auto',
    });
    const loaded = out.find((m) => m.type === 'loaded');
    expect(loaded, JSON.stringify(out.slice(-1))).toBeDefined();
  }
});

describe('loading', () => {
  it('reports device, dtype and model facts, with per-file progress', async () => {
    const out = await request(handler, {
      type: 'load',
      id: 2,
      modelKey: 'again',
      source: { kind: 'bundled', id: 'tiny-bigram' },
      device: 'wasm',
    });
    const loaded = out.find((m) => m.type === 'loaded');
    expect(loaded).toMatchObject({
      device: 'cpu',
      dtype: 'fp32',
      info: {
        modelType: 'gpt2',
        vocabSize: 257,
        maxPositions: 1024,
        prefixTokenId: EOS_ID,
        hasChatTemplate: true,
      },
    });
    const files = new Set(
      out.flatMap((m) => (m.type === 'progress' && m.phase === 'download' ? [m.file] : [])),
    );
    expect(files).toContain('onnx/model.onnx');
    expect(files).toContain('tokenizer.json');
  });
  it('a failed load answers with an error and can be retried under the same key', async () => {
    const bad = await request(handler, {
      type: 'load',
      id: 3,
      modelKey: 'retry',
      source: { kind: 'bundled', id: 'no-such-model' },
      device: 'auto',
    });
    expect(bad).toContainEqual(expect.objectContaining({ type: 'error', id: 3, code: 'load-failed' }));
    const notLoaded = await request(handler, {
      type: 'score',
      id: 4,
      modelKey: 'retry',
      items: [],
      options: OPTS,
    });
    expect(notLoaded).toEqual([expect.objectContaining({ type: 'error', code: 'not-loaded' })]);
    const good = await request(handler, {
      type: 'load',
      id: 5,
      modelKey: 'retry',
      source: { kind: 'bundled', id: 'tiny-bigram' },
      device: 'auto',
    });
    expect(good.some((m) => m.type === 'loaded')).toBe(true);
  });
  it('bad options are refused with a clear message; dispose answers', async () => {
    const out = await request(handler, {
      type: 'score',
      id: 6,
      modelKey: 'tiny-bigram',
      items: [],
      options: { ...OPTS, stride: 1024 },
    });
    expect(out).toEqual([
      expect.objectContaining({
        type: 'error',
        code: 'bad-request',
        message: expect.stringMatching(/stride/),
      }),
    ]);
    expect(await request(handler, { type: 'dispose', id: 7, modelKey: 'again' })).toEqual([
      { type: 'disposed', id: 7 },
    ]);
  });
});

describe('tiny-bigram against the closed form', () => {
  it('rolling NLL with and without BOS, and "a…z" has perplexity exactly 2', async () => {
    const ids = byteIds(TEXT);
    const { byKey } = await score('tiny-bigram', [
      { key: 'text', context: '', continuation: TEXT },
      { key: 'az', context: '', continuation: 'abcdefghijklmnopqrstuvwxyz' },
    ]);
    const r = byKey.get('text');
    expect(r?.tokens).toBe(ids.length - 1);
    expect(relErr(r?.nllSum ?? NaN, bigramNll(ids))).toBeLessThan(TOL);
    const az = byKey.get('az');
    expect(relErr(Math.exp((az?.nllSum ?? NaN) / (az?.tokens ?? 1)), 2)).toBeLessThan(TOL);
    const bos = (
      await score('tiny-bigram', [{ key: 'b', context: '', continuation: TEXT }], { addBos: true })
    ).byKey.get('b');
    expect(bos?.tokens).toBe(ids.length);
    expect(relErr(bos?.nllSum ?? NaN, bigramNll([EOS_ID, ...ids]))).toBeLessThan(TOL);
  });
  it('windows over a text longer than max length score every token once (bigram NLL is window-invariant)', async () => {
    const long = TEXT.repeat(12); // 1152 bytes > 1024 positions
    const ids = byteIds(long);
    for (const [maxLength, stride] of [
      [1024, 512],
      [64, 16],
      [2, 1],
    ] as const) {
      const r = (
        await score('tiny-bigram', [{ key: 'l', context: '', continuation: long }], {
          maxLength,
          stride,
          batchSize: 8,
        })
      ).byKey.get('l');
      expect(r?.tokens).toBe(ids.length - 1);
      expect(relErr(r?.nllSum ?? NaN, bigramNll(ids))).toBeLessThan(TOL);
    }
  });
  it('multiple choice: " " + choice given the question, acc and acc_norm from closed-form log-likelihoods', async () => {
    const question = 'Which letters follow in order? Answer:';
    const choices = ['xq', 'bcdefg', 'mnopqrstuv', 'zz'];
    const items = choices.map((c, i) => ({
      key: `c${i}`,
      context: question,
      continuation: choiceContinuation(c),
    }));
    const { byKey } = await score('tiny-bigram', items);
    const q = byteIds(question);
    const lls = choices.map((c, i) => {
      const full = [...q, ...byteIds(choiceContinuation(c))];
      const expected = -bigramNll(full, q.length);
      const got = -(byKey.get(`c${i}`)?.nllSum ?? NaN);
      expect(relErr(got, expected)).toBeLessThan(TOL);
      expect(byKey.get(`c${i}`)?.tokens).toBe(c.length + 1);
      return got;
    });
    // Closed form (q = ln(0.5/256), p = ln 0.5): 'xq' 3q, 'bcdefg' 2q+5p, 'mnopqrstuv' 2q+9p, 'zz' 3q. The summed
    // log-likelihood prefers 'bcdefg' (acc wrong for gold 2); per character 'mnopqrstuv' wins (acc_norm right).
    const acc = choiceAccuracy([{ choices, logLikelihoods: lls, label: 2 }]);
    expect(acc).toEqual({ acc: 0, acc_norm: 1, items: 1 });
  });
});

describe('tiny-attn against the float64 reference forward pass', () => {
  it('whole text in one window, batch sizes 1 and 3 agree (right padding is inert)', async () => {
    const texts = [TEXT, 'short one', 'A medium length sentence, with punctuation!'];
    const items = texts.map((t, i) => ({ key: String(i), context: '', continuation: t }));
    const a = (await score('tiny-attn', items, { batchSize: 1 })).byKey;
    const b = (await score('tiny-attn', items, { batchSize: 3 })).byKey;
    texts.forEach((t, i) => {
      const expected = attnNll(byteIds(t));
      expect(relErr(a.get(String(i))?.nllSum ?? NaN, expected)).toBeLessThan(TOL);
      expect(relErr(b.get(String(i))?.nllSum ?? NaN, expected)).toBeLessThan(TOL);
    });
  });
  it('sliding windows, including a text longer than the model context (1024 positions)', async () => {
    const cases: [string, number, number][] = [
      [TEXT, 32, 12],
      [TEXT, 16, 15],
      [TEXT.repeat(16), 1024, 512],
    ];
    for (const [text, maxLength, stride] of cases) {
      const ids = byteIds(text);
      const expected = attnWindowedNll(ids, maxLength, stride);
      const r = (
        await score('tiny-attn', [{ key: 'w', context: '', continuation: text }], {
          maxLength,
          stride,
          batchSize: 2,
        })
      ).byKey.get('w');
      expect(r?.tokens).toBe(expected.tokens);
      expect(relErr(r?.nllSum ?? NaN, expected.nll)).toBeLessThan(TOL);
    }
  });
  it('conditional scoring of a response given its prompt, with per-token detail', async () => {
    const prompt = 'Q: who wrote it? A: ';
    const response = 'Jane Austen.';
    const { byKey } = await score('tiny-attn', [
      { key: 'c', context: prompt, continuation: response, detail: true },
    ]);
    const ctx = byteIds(prompt.trimEnd());
    const full = [...ctx, ...byteIds(' ' + response)];
    const r = byKey.get('c');
    expect(r?.tokens).toBe(response.length + 1);
    expect(relErr(r?.nllSum ?? NaN, attnNll(full, ctx.length))).toBeLessThan(TOL);
    expect(r?.detail?.pieces.join('')).toBe(' ' + response);
    expect(r?.detail?.nll.reduce((x, y) => x + y, 0)).toBeCloseTo(r?.nllSum ?? NaN, 9);
  });
  it('chat template: the prompt is wrapped as a user turn before the split', async () => {
    const { byKey } = await score('tiny-attn', [{ key: 't', context: 'hi', continuation: 'hello' }], {
      chatTemplate: true,
    });
    const ctx = byteIds('user: hi\nassistant:');
    const full = [...ctx, ...byteIds(' hello')];
    expect(relErr(byKey.get('t')?.nllSum ?? NaN, attnNll(full, ctx.length))).toBeLessThan(TOL);
  });
});

describe('cancel', () => {
  it('stops between batches and answers with cancelled: true, keeping finished items', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ key: String(i), context: '', continuation: TEXT }));
    const out: ModelResponse[] = [];
    const run = handler.handleRequest(
      { type: 'score', id: 50, modelKey: 'tiny-attn', items, options: { ...OPTS, batchSize: 1 } },
      (m) => {
        out.push(m);
        if (
          m.type === 'scored' &&
          m.partial &&
          m.results.length > 0 &&
          out.filter((x) => x.type === 'scored').length === 2
        ) {
          void handler.handleRequest({ type: 'cancel', id: 51, target: 50 }, (x) => out.push(x));
        }
      },
    );
    await run;
    const last = out.filter((m) => m.type === 'scored').pop();
    expect(last).toMatchObject({ partial: false, cancelled: true });
    const n = results(out).size;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThan(40);
    expect(await request(handler, { type: 'cancel', id: 52, target: 999 })).toEqual([
      expect.objectContaining({ type: 'error', code: 'bad-request' }),
    ]);
  });
});
