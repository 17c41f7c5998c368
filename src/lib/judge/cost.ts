// Pre-flight token and cost estimates. No provider except OpenRouter returns a price (JUDGE-NOTES §1.6), so
// prices come from a table the user can edit (USD per million tokens). Token counts come from a tokenizer the
// caller passes (gpt-tokenizer's o200k_base in the app); without one, the stated approximation is 4 characters a
// token, which is what OpenAI documents as a rule of thumb for English.
import type { Usage } from './types';

/** USD per million input and output tokens. */
export interface Price {
  input: number;
  output: number;
}

/** Model-name prefix → price. The longest matching prefix wins ("gpt-4o-mini" before "gpt-4o"). */
export type PriceTable = Record<string, Price>;

/** List prices as published by the providers at the time of writing; editable in the app because they change. */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
};

/** The price for a model, or null when the table has none (the run then has no dollar estimate). */
export function priceFor(table: PriceTable, model: string): Price | null {
  let best: string | null = null;
  for (const prefix of Object.keys(table)) {
    if (model.startsWith(prefix) && (best === null || prefix.length > best.length)) best = prefix;
  }
  return best === null ? null : (table[best] ?? null);
}

/** USD cost of a usage at a price. */
export function costOf(usage: Usage, price: Price): number {
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1e6;
}

/** Tokens ≈ characters / 4 (the stated approximation when no tokenizer is loaded). */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** A pre-flight estimate of a run. */
export interface Estimate {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Null when the model has no price in the table. */
  costUsd: number | null;
  /** How tokens were counted, shown beside the figure. */
  tokenizer: string;
}

/** Estimates a run: each prompt's tokens (system + user) plus the expected answer length per call. */
export function estimateRun(
  prompts: readonly { system: string; user: string }[],
  expectedOutputTokens: number,
  price: Price | null,
  countTokens: (text: string) => number = approxTokens,
  tokenizer = 'approx. 4 characters per token',
): Estimate {
  let promptTokens = 0;
  // Chat formats add a few tokens of framing per message; 4 per message as in OpenAI's cookbook count.
  for (const p of prompts) promptTokens += countTokens(p.system) + countTokens(p.user) + 8;
  const completionTokens = prompts.length * expectedOutputTokens;
  const usage = { promptTokens, completionTokens };
  return {
    calls: prompts.length,
    promptTokens,
    completionTokens,
    costUsd: price ? costOf(usage, price) : null,
    tokenizer,
  };
}
