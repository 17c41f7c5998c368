// The model worker: a thin shell around handleRequest(). transformers.js and ONNX Runtime are imported inside the
// handler on the first load, so creating the worker costs nothing until a model is used.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { createModelHandler } from './handler';
import type { GpuProbe } from './loader';
import type { ModelRequest, ModelResponse } from './protocol';
import { MODELS_NAME_PREFIX } from './worker-name';

interface WorkerScope {
  name: string;
  location: { href: string };
  navigator: { gpu?: { requestAdapter(): Promise<{ features: { has(f: string): boolean } } | null> } };
  postMessage(message: ModelResponse): void;
  onmessage: ((event: MessageEvent<ModelRequest>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

// The page passes where bundled models are served (an origin-less path) in the worker's name.
const modelsBase = scope.name.startsWith(MODELS_NAME_PREFIX)
  ? scope.name.slice(MODELS_NAME_PREFIX.length)
  : '/models/';
const absolute = (url: string) => new URL(url, scope.location.href).href;

let probe: Promise<GpuProbe> | null = null;
function probeGpu(): Promise<GpuProbe> {
  probe ??= (async () => {
    try {
      const adapter = (await scope.navigator.gpu?.requestAdapter()) ?? null;
      return { available: adapter !== null, hasShaderF16: adapter?.features.has('shader-f16') ?? false };
    } catch {
      return { available: false, hasShaderF16: false };
    }
  })();
  return probe;
}

const handler = createModelHandler(
  {
    modelsBase,
    wasmPaths: { wasm: absolute(ortWasmUrl), mjs: absolute(ortMjsUrl) },
    cacheName: 'transformers-cache',
  },
  probeGpu,
);

scope.onmessage = (event) => {
  void handler.handleRequest(event.data, (m) => scope.postMessage(m));
};
