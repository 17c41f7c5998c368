// The model handler in Node (CLI, tests, benchmarks): onnxruntime-node on the CPU, bundled models from a folder.
import { resolve } from 'node:path';
import { createModelHandler, type ModelHandler } from './handler';
import type { ModelRequest, ModelResponse } from './protocol';

/** A handler whose bundled models live in `modelsDir` (default: public/models of this checkout). */
export function createNodeModelHandler(
  modelsDir = resolve(import.meta.dirname, '../../../public/models'),
): ModelHandler {
  return createModelHandler({ modelsBase: `${resolve(modelsDir)}/` }, () => Promise.resolve(null));
}

/** Sends one request and collects every response until its terminal one (loaded, final scored, disposed, error). */
export async function request(handler: ModelHandler, req: ModelRequest): Promise<ModelResponse[]> {
  const out: ModelResponse[] = [];
  await handler.handleRequest(req, (m) => out.push(m));
  return out;
}
