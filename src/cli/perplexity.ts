// `yardstick perplexity FILE --model DIR_OR_HUB_ID [--json]`: token/word/byte perplexity of one text field per row
// under a causal LM, through the same handler the browser's model worker runs (onnxruntime-node here).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusPerplexity, countBytes, countWords, rowPerplexity } from '../lib/metrics/perplexity/corpus';
import { bundledModelsDir, createNodeModelHandler } from '../lib/model/node-handler';
import type { Dtype, ItemResult, ModelResponse, ModelSource, ScoreItem } from '../lib/model/protocol';
import { detectFormat } from '../lib/dataset/detect-format';
import { getPath } from '../lib/dataset/paths';
import { openInput, readInput, typeName, type InputProblem } from './input';

const HELP = `Usage: yardstick perplexity FILE --model DIR_OR_HUB_ID [options]

FILE is JSONL, a JSON array of objects, or CSV with a header.
  --model M          model folder, bundled model name (tiny-bigram, tiny-attn, demo-bigram) or hub id
  --field F          text to score (default: the reference field, else the response field); a field path
                     such as doc.answer or messages[-1].content reaches into objects and lists
  --context-field F  score --field given this field (conditional, lm-evaluation-harness split)
  --max-length N     tokens per window (default: the model's context, at most 1024)
  --stride N         window stride (default: max-length / 2)
  --batch-size N     windows per forward pass (default 4)
  --add-bos          prepend BOS (else EOS) so the first token is scored too
  --chat-template    wrap the context as a user turn with the tokenizer's chat template
  --dtype D          fp32 | fp16 | q8 | q4
  --json             machine-readable output
`;

const REFERENCE_FIELDS = ['reference', 'references', 'target', 'answer', 'expected', 'ideal', 'gold'];
const RESPONSE_FIELDS = ['response', 'output', 'completion', 'prediction', 'generated', 'text'];
const DTYPES: readonly string[] = ['fp32', 'fp16', 'q8', 'q4'];

/** A row of the file that is a JSON object (or a CSV record). */
interface ObjectRecord {
  line: number;
  value: Record<string, unknown>;
}

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return null;
}

function pickDefaultField(records: ObjectRecord[]): string | null {
  const keys = new Set(records.flatMap((r) => Object.keys(r.value)));
  return [...REFERENCE_FIELDS, ...RESPONSE_FIELDS].find((k) => keys.has(k)) ?? null;
}

// Without --field and without a plain reference/response field, the page's detection names the text: the mapped
// reference, else the response (a path such as filtered_resps.0 or conversations[-1].value).
function detectedField(sample: unknown[]): string | null {
  const m = detectFormat(sample.slice(0, 200)).mapping;
  const conv = m.conversation;
  const last = conv
    ? `${conv.field}[-1].${sample.some((v) => getPath(v, `${conv.field}.0.value`) !== undefined) ? 'value' : 'content'}`
    : undefined;
  return m.references[0] ?? m.responses[0]?.field ?? last ?? null;
}

function modelSource(model: string): ModelSource {
  if (existsSync(model) && statSync(model).isDirectory()) return { kind: 'path', path: resolve(model) };
  const bundled = resolve(bundledModelsDir(), model);
  if (/^[\w.-]+$/.test(model) && existsSync(resolve(bundled, 'config.json')))
    return { kind: 'bundled', id: model };
  return { kind: 'hub', id: model };
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer (got '${v}')`);
  return n;
}

class UsageError extends Error {}

function terminal(out: ModelResponse[]): ModelResponse | undefined {
  return out.find((m) => m.type === 'error') ?? out.find((m) => m.type === 'loaded');
}

/** Runs the command; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        field: { type: 'string' },
        'context-field': { type: 'string' },
        'max-length': { type: 'string' },
        stride: { type: 'string' },
        'batch-size': { type: 'string' },
        'add-bos': { type: 'boolean', default: false },
        'chat-template': { type: 'boolean', default: false },
        dtype: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`yardstick perplexity: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  const { values: o, positionals } = args;
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = positionals[0];
  try {
    if (!file || !o.model) throw new UsageError('FILE and --model are required');
    if (o.dtype && !DTYPES.includes(o.dtype))
      throw new UsageError(`--dtype must be one of ${DTYPES.join(', ')}`);
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const maxLengthArg = int('max-length', o['max-length']);
    const strideArg = int('stride', o.stride);
    const batchSize = int('batch-size', o['batch-size']) ?? 4;

    // Bad lines and fields are reported and skipped; the valid rows are still scored.
    const input = await openInput(file);
    const read = await readInput(input);
    const problems: InputProblem[] = [...read.problems];
    const records: ObjectRecord[] = [];
    for (const { line, value } of read.records) {
      if (value && typeof value === 'object' && !Array.isArray(value))
        records.push({ line, value: value as Record<string, unknown> });
      else problems.push({ line, field: null, reason: `expected a JSON object, got ${typeName(value)}` });
    }
    const field = o.field ?? pickDefaultField(records) ?? detectedField(records.map((r) => r.value));
    if (!field) throw new UsageError('no reference or response field found; name one with --field');
    const contextField = o['context-field'];
    const items: ScoreItem[] = [];
    const meta: { id: string; text: string }[] = [];
    for (const [i, r] of records.entries()) {
      const text = textOf(getPath(r.value, field));
      if (text === null) {
        problems.push({ line: r.line, field, reason: 'missing or not text' });
        continue;
      }
      let context = '';
      if (contextField) {
        const c = textOf(getPath(r.value, contextField));
        if (c === null) {
          problems.push({ line: r.line, field: contextField, reason: 'missing or not text' });
          continue;
        }
        context = c;
      }
      const id = textOf(r.value.id) ?? `row-${i + 1}`;
      items.push({ key: String(items.length), context, continuation: text });
      meta.push({ id, text });
    }
    problems.sort((a, b) => a.line - b.line);
    for (const p of problems) process.stderr.write(`yardstick perplexity: ${input.format(p)}\n`);
    if (items.length === 0) throw new Error('no rows to score');

    const handler = createNodeModelHandler();
    const loadOut: ModelResponse[] = [];
    await handler.handleRequest(
      {
        type: 'load',
        id: 1,
        modelKey: 'm',
        source: modelSource(o.model),
        device: 'auto',
        ...(o.dtype ? { dtype: o.dtype as Dtype } : {}),
      },
      (m) => loadOut.push(m),
    );
    const loaded = terminal(loadOut);
    if (!loaded || loaded.type !== 'loaded') {
      throw new Error(loaded?.type === 'error' ? loaded.message : 'model did not load');
    }
    const maxLength = maxLengthArg ?? Math.min(loaded.info.maxPositions ?? 1024, 1024);
    const stride = strideArg ?? Math.max(1, Math.floor(maxLength / 2));

    const results = new Map<string, ItemResult>();
    let failure: string | null = null;
    await handler.handleRequest(
      {
        type: 'score',
        id: 2,
        modelKey: 'm',
        items,
        options: { maxLength, stride, batchSize, addBos: o['add-bos'], chatTemplate: o['chat-template'] },
      },
      (m) => {
        if (m.type === 'scored') for (const r of m.results) results.set(r.key, r);
        if (m.type === 'error') failure = m.message;
      },
    );
    await handler.handleRequest({ type: 'dispose', id: 3 }, () => undefined);
    if (failure) throw new Error(failure);

    const stats = items.map((it, i) => {
      const r = results.get(it.key);
      const text = meta[i]?.text ?? '';
      return {
        tokens: r?.tokens ?? 0,
        nllSum: r?.nllSum ?? 0,
        words: countWords(text),
        bytes: countBytes(text),
      };
    });
    const output = {
      rows: items.length,
      model: o.model,
      corpus: corpusPerplexity(stats),
      per_row: stats.map((s, i) => ({
        id: meta[i]?.id ?? String(i),
        tokens: s.tokens,
        nll_sum: s.nllSum,
        perplexity: rowPerplexity(s),
      })),
    };
    if (o.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    else {
      const c = output.corpus;
      const f = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));
      process.stdout.write(
        `${output.rows} rows, model ${output.model} (${loaded.device}, ${loaded.dtype}), field '${field}'` +
          `${contextField ? ` given '${contextField}'` : ''}, max length ${maxLength}, stride ${stride}\n` +
          `token perplexity  ${f(c.token_perplexity)}  (${c.tokens} tokens, NLL ${c.nll_sum.toFixed(4)} nats)\n` +
          `word perplexity   ${f(c.word_perplexity)}\nbyte perplexity   ${f(c.byte_perplexity)}\n` +
          `bits per byte     ${f(c.bits_per_byte)}\nmean perplexity   ${f(c.mean_perplexity)}  (HF evaluate: mean of per-row)\n`,
      );
    }
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError;
    process.stderr.write(
      `yardstick perplexity: ${e instanceof Error ? e.message : String(e)}\n${usage ? `\n${HELP}` : ''}`,
    );
    return usage ? 2 : 1;
  }
}
