#!/usr/bin/env node
// The command line's launcher: runs the prebuilt bundle (build/cli, from `npm run build:cli`), rebuilding it
// first when it is missing or older than any of its sources, so a fresh clone and an edited checkout both run
// the current code.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'build/cli');
const MAIN = join(OUT, 'main.js');

function stale() {
  const manifest = join(OUT, 'inputs.json');
  if (!existsSync(MAIN) || !existsSync(manifest)) return true;
  const built = statSync(MAIN).mtimeMs;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return true;
  }
  for (const file of inputs) {
    try {
      if (statSync(join(ROOT, file)).mtimeMs > built) return true;
    } catch {
      return true; // a source was moved or deleted
    }
  }
  return false;
}

if (stale()) {
  const { buildCli } = await import(pathToFileURL(join(ROOT, 'scripts/build-cli.mjs')).href);
  await buildCli({ quiet: true });
}
await import(pathToFileURL(MAIN).href);
