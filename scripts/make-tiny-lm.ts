// Generates small byte-level causal LMs (ONNX + Hugging Face files) that transformers.js loads from a folder,
// with no Python and no download. Deterministic: the same bytes on every run.
//
//   tsx scripts/make-tiny-lm.ts OUT_DIR     (npm run models → public/models)
//
//   tiny-bigram/  P(j | i) = 0.5 if j == i+1 (mod 257) else 0.5/256: closed-form perplexity
//   tiny-attn/    1 layer, 1 head causal attention, seeded weights: checked against a float64 forward in JS
//   demo-bigram/  add-one smoothed byte bigram estimated from public-domain English (scripts/tiny-lm/corpus)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attnModel, bigramModel } from './tiny-lm/graphs';
import { configJson, generationConfigJson, tokenizerConfigJson, tokenizerJson } from './tiny-lm/hf-files';
import {
  ATTN_POSITIONS,
  ATTN_SEED,
  ATTN_WIDTH,
  BIGRAM_POSITIONS,
  P_NEXT,
  VOCAB,
  attnWeights,
  demoBigramTable,
  tinyBigramTable,
} from './tiny-lm/reference';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = 'pride-and-prejudice-ch1.txt';

function writeModel(dir: string, onnx: Uint8Array, config: Record<string, unknown>, positions: number): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const json = (name: string, value: unknown) =>
    writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx);
  json('config.json', config);
  json('tokenizer.json', tokenizerJson());
  json('tokenizer_config.json', tokenizerConfigJson(positions));
  json('generation_config.json', generationConfigJson());
  process.stdout.write(`wrote ${dir} (onnx/model.onnx: ${onnx.length} bytes)\n`);
}

/** Writes every model under `outDir`. */
export function makeTinyModels(outDir: string): void {
  writeModel(
    join(outDir, 'tiny-bigram'),
    bigramModel('tiny_bigram', tinyBigramTable()),
    configJson(VOCAB, BIGRAM_POSITIONS, { tiny_lm: { kind: 'bigram', p_next: P_NEXT } }),
    BIGRAM_POSITIONS,
  );
  writeModel(
    join(outDir, 'tiny-attn'),
    attnModel(attnWeights()),
    configJson(ATTN_WIDTH, ATTN_POSITIONS, { tiny_lm: { kind: 'attention', seed: ATTN_SEED } }),
    ATTN_POSITIONS,
  );
  const corpus = readFileSync(join(here, 'tiny-lm', 'corpus', CORPUS), 'utf8');
  writeModel(
    join(outDir, 'demo-bigram'),
    bigramModel('demo_bigram', demoBigramTable(corpus)),
    configJson(VOCAB, BIGRAM_POSITIONS, {
      tiny_lm: {
        kind: 'estimated-bigram',
        smoothing: 'add-one',
        corpus: 'Jane Austen, Pride and Prejudice (1813), chapter 1; Project Gutenberg #1342; public domain',
      },
    }),
    BIGRAM_POSITIONS,
  );
}

const outDir = process.argv[2];
if (!outDir) {
  process.stderr.write('usage: tsx scripts/make-tiny-lm.ts OUT_DIR\n');
  process.exitCode = 2;
} else {
  makeTinyModels(outDir);
}
