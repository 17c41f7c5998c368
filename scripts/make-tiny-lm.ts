// Generates small byte-level causal LMs (ONNX + Hugging Face files) that transformers.js loads from a folder,
// with no Python and no download. Deterministic: the same bytes on every run.
//
//   tsx scripts/make-tiny-lm.ts OUT_DIR     (npm run models → public/models)
//
//   tiny-bigram/  P(j | i) = 0.5 if j == i+1 (mod 257) else 0.5/256: closed-form perplexity
//   tiny-attn/    1 layer, 1 head causal attention, seeded weights: checked against a float64 forward in JS
//   demo-bigram/  add-one smoothed byte bigram estimated from public-domain English (scripts/tiny-lm/corpus)
import { makeTinyModels } from './tiny-lm/write';

const outDir = process.argv[2];
if (!outDir) {
  process.stderr.write('usage: tsx scripts/make-tiny-lm.ts OUT_DIR\n');
  process.exitCode = 2;
} else {
  makeTinyModels(outDir);
}
