// Writes the generated models (ONNX graph + Hugging Face files) into a folder. Deterministic.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attnModel, bigramModel } from './graphs';
import { configJson, generationConfigJson, tokenizerConfigJson, tokenizerJson } from './hf-files';
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
} from './reference';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = 'pride-and-prejudice-ch1.txt';

function writeModel(
  dir: string,
  onnx: Uint8Array,
  config: Record<string, unknown>,
  positions: number,
  log: boolean,
): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const json = (name: string, value: unknown) =>
    writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx);
  json('config.json', config);
  json('tokenizer.json', tokenizerJson());
  json('tokenizer_config.json', tokenizerConfigJson(positions));
  json('generation_config.json', generationConfigJson());
  if (log) process.stdout.write(`wrote ${dir} (onnx/model.onnx: ${onnx.length} bytes)\n`);
}

/** Writes every model under `outDir`. */
export function makeTinyModels(outDir: string, log = true): void {
  writeModel(
    join(outDir, 'tiny-bigram'),
    bigramModel('tiny_bigram', tinyBigramTable()),
    configJson(VOCAB, BIGRAM_POSITIONS, { tiny_lm: { kind: 'bigram', p_next: P_NEXT } }),
    BIGRAM_POSITIONS,
    log,
  );
  writeModel(
    join(outDir, 'tiny-attn'),
    attnModel(attnWeights()),
    configJson(ATTN_WIDTH, ATTN_POSITIONS, { tiny_lm: { kind: 'attention', seed: ATTN_SEED } }),
    ATTN_POSITIONS,
    log,
  );
  const corpus = readFileSync(join(here, 'corpus', CORPUS), 'utf8');
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
    log,
  );
}
