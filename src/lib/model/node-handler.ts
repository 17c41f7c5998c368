// The model handler in Node (CLI, tests, benchmarks): onnxruntime-node on the CPU, bundled models from a folder.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createModelHandler, type ModelHandler } from './handler';
import type { ModelRequest, ModelResponse } from './protocol';

/** public/models of this checkout: the nearest folder above this file (source or bundle) with a package.json. */
export function bundledModelsDir(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'public/models');
    if (dirname(dir) === dir) return resolve(from, '../../../public/models');
  }
}

/** A handler whose bundled models live in `modelsDir` (default: public/models of this checkout). */
export function createNodeModelHandler(modelsDir = bundledModelsDir()): ModelHandler {
  return createModelHandler({ modelsBase: `${resolve(modelsDir)}/` }, () => Promise.resolve(null));
}

/** Sends one request and collects every response until its terminal one (loaded, final scored, disposed, error). */
export async function request(handler: ModelHandler, req: ModelRequest): Promise<ModelResponse[]> {
  const out: ModelResponse[] = [];
  await handler.handleRequest(req, (m) => out.push(m));
  return out;
}
