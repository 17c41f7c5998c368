// Bundles the command line (src/cli/main.ts and everything it imports) into build/cli/: one start-up file, one
// chunk per command, loaded only when that command runs, and the worker file of `score --jobs` (score-worker.js).
// transformers.js and the ONNX runtimes stay external (they are loaded from node_modules by `perplexity` alone). build/cli/inputs.json lists the sources, for staleness checks.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'build/cli');

/** Builds the bundle; returns the source files it was made from (relative to the repository root). */
export async function buildCli({ quiet = false } = {}) {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts', 'src/cli/score-worker.ts'],
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    sourcemap: 'linked',
    external: ['@huggingface/transformers', 'onnxruntime-node', 'onnxruntime-web', 'onnxruntime-common'],
    logLevel: quiet ? 'error' : 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  inputs.push(relative(ROOT, fileURLToPath(import.meta.url)), 'package-lock.json');
  writeFileSync(join(OUT_DIR, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  return inputs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const inputs = await buildCli();
  process.stdout.write(
    `build/cli: ${inputs.length} sources bundled into ${relative(process.cwd(), OUT_DIR)}/\n`,
  );
}
