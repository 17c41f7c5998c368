// Scoring throughput of the tiny attention model (tokens scored per second) at 512 and 4096 tokens:
// Node (onnxruntime-node), browser WASM and browser WebGPU (headless Chromium; here WebGPU is SwiftShader, a
// software adapter, so its figures say nothing about GPUs). Texts longer than the 1024-position context use
// sliding windows (max length 1024, stride 512).   npx tsx bench/perplexity.ts
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeModelHandler } from '../src/lib/model/node-handler';
import type { ModelRequest, ModelResponse, ScoreOptions } from '../src/lib/model/protocol';
import { openBrowser } from '../tests/e2e/browser';
import { buildAndServe } from '../tests/e2e/serve';

const SIZES = [512, 4096];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const BASE =
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. ';
const textOf = (n: number) => BASE.repeat(Math.ceil(n / BASE.length)).slice(0, n);
const options = (_n: number): ScoreOptions => ({
  maxLength: 1024,
  stride: 512,
  batchSize: 1,
  addBos: false,
  chatTemplate: false,
});

interface Row {
  where: string;
  tokens: number;
  tokensPerSecond: number | null;
  note: string;
}

async function benchNode(): Promise<Row[]> {
  const h = createNodeModelHandler();
  const send = async (req: ModelRequest) => {
    const out: ModelResponse[] = [];
    await h.handleRequest(req, (m) => out.push(m));
    const err = out.find((m) => m.type === 'error');
    if (err?.type === 'error') throw new Error(err.message);
    return out;
  };
  await send({
    type: 'load',
    id: 1,
    modelKey: 'a',
    source: { kind: 'bundled', id: 'tiny-attn' },
    device: 'auto',
  });
  const rows: Row[] = [];
  for (const n of SIZES) {
    const item = { key: 'x', context: '', continuation: textOf(n) };
    await send({ type: 'score', id: 2, modelKey: 'a', items: [item], options: options(n) }); // warm-up
    const t0 = performance.now();
    for (let r = 0; r < REPEATS; r++)
      await send({ type: 'score', id: 3, modelKey: 'a', items: [item], options: options(n) });
    const s = (performance.now() - t0) / 1000;
    rows.push({
      where: 'Node (onnxruntime-node, CPU)',
      tokens: n,
      tokensPerSecond: ((n - 1) * REPEATS) / s,
      note: '',
    });
  }
  return rows;
}

async function benchBrowser(
  url: string,
  workerUrl: string,
  modelsPath: string,
  webgpu: boolean,
): Promise<Row[]> {
  const s = await openBrowser(url, { webgpu });
  try {
    await s.page.goto(url);
    // tsx keeps function names with an injected __name helper, which the page does not have.
    await s.page.evaluate('globalThis.__name = (f) => f');
    const result = await s.page.evaluate(
      async ({ workerUrl, modelsPath, sizes, repeats, texts, opts, device }) => {
        const w = new Worker(workerUrl, { type: 'module', name: `yardstick-model:${modelsPath}` });
        let next = 1;
        const send = (req: Record<string, unknown>) =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            const id = next++;
            w.onmessage = (e: MessageEvent<Record<string, unknown>>) => {
              const m = e.data;
              if (m.id !== id) return;
              if (m.type === 'error') reject(new Error(String(m.message)));
              if (m.type === 'loaded' || (m.type === 'scored' && m.partial === false)) resolve(m);
            };
            w.postMessage({ ...req, id });
          });
        const loaded = await send({
          type: 'load',
          modelKey: 'a',
          source: { kind: 'bundled', id: 'tiny-attn' },
          device,
        });
        const out: { n: number; tps: number }[] = [];
        for (const [i, n] of sizes.entries()) {
          const item = { key: 'x', context: '', continuation: texts[i] };
          await send({ type: 'score', modelKey: 'a', items: [item], options: opts[i] });
          const t0 = performance.now();
          for (let r = 0; r < repeats; r++)
            await send({ type: 'score', modelKey: 'a', items: [item], options: opts[i] });
          out.push({ n, tps: ((n - 1) * repeats) / ((performance.now() - t0) / 1000) });
        }
        w.terminate();
        return { device: String(loaded.device), note: String(loaded.fallbackNote ?? ''), out };
      },
      {
        workerUrl,
        modelsPath,
        sizes: SIZES,
        repeats: webgpu ? 2 : REPEATS,
        texts: SIZES.map(textOf),
        opts: SIZES.map(options),
        device: webgpu ? 'webgpu' : 'wasm',
      },
    );
    if (s.external.length > 0) throw new Error(`external requests: ${s.external.join(', ')}`);
    const where = webgpu
      ? `Chromium WebGPU (${result.device}; SwiftShader software adapter)`
      : `Chromium ${result.device.toUpperCase()}`;
    return result.out.map((o) => ({ where, tokens: o.n, tokensPerSecond: o.tps, note: result.note }));
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const rows = await benchNode();
  const served = await buildAndServe({ subPath: '/bench/', logLevel: 'error', prefix: 'bench-' });
  try {
    const { url } = served;
    const worker = readdirSync(join(served.outDir, 'assets')).find((f) => /^model\.worker-.*\.js$/.test(f));
    if (!worker) throw new Error('model worker not found in the build');
    const workerUrl = `${url}assets/${worker}`;
    rows.push(...(await benchBrowser(url, workerUrl, '/bench/models/', false)));
    rows.push(...(await benchBrowser(url, workerUrl, '/bench/models/', true)));
  } finally {
    await served.close();
  }
  const nodeAt = new Map(
    rows.filter((r) => r.where.startsWith('Node')).map((r) => [r.tokens, r.tokensPerSecond ?? NaN]),
  );
  console.log(
    `tiny-attn scoring throughput (${REPEATS} timed runs after a warm-up; batch size 1; windows 1024/512 past 1024 tokens)\n`,
  );
  console.log('| where | tokens | tokens/s | speed relative to Node |');
  console.log('|---|---|---|---|');
  for (const r of rows) {
    const ratio =
      r.tokensPerSecond && nodeAt.get(r.tokens) ? (nodeAt.get(r.tokens) ?? NaN) / r.tokensPerSecond : NaN;
    console.log(
      `| ${r.where}${r.note ? ` (${r.note})` : ''} | ${r.tokens} | ${r.tokensPerSecond?.toFixed(0) ?? 'n/a'} | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : ''} |`,
    );
  }
  console.log(
    '\nTarget: browser WASM within 1.5× of Node. WebGPU here is a CPU-emulated adapter; no real GPU was measured.',
  );
}

await main();
