// Shared shapes of the judge: what a provider is asked, what it answers, and what a judgment becomes.

/** The three wire formats (every OpenAI-compatible server speaks `openai`). */
export type ProviderKind = 'openai' | 'anthropic' | 'gemini';

/** Grading mode: one answer against a rubric, or two answers against each other. */
export type JudgeMode = 'single' | 'pairwise';

/** Generation parameters that change the answer; all of them are part of the cache key. */
export interface JudgeParams {
  temperature: number;
  maxTokens: number;
  /** Ask for top logprobs (G-Eval weighting); only where the model returns them. */
  logprobs: boolean;
  /** Ask for structured JSON output where the provider supports it. */
  structured: boolean;
}

/** One request to a judge model. */
export interface CompletionRequest {
  system: string;
  user: string;
  params: JudgeParams;
  /** JSON schema for structured output (sent only when params.structured). */
  schema?: Record<string, unknown>;
}

/** One alternative at a token position, natural-log probability. */
export interface TokenAlternative {
  token: string;
  logprob: number;
}

/** A generated token with its top alternatives. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  top: TokenAlternative[];
}

/** Token counts the provider reported. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A provider's answer, reduced to what the judge needs. */
export interface Completion {
  text: string;
  usage: Usage;
  /** Present only when the provider returned logprobs. */
  logprobs?: TokenLogprob[];
  /** The exact model string the provider says it used. */
  model?: string;
  finishReason?: string;
}

/** A score or verdict parsed from a judge answer, or why it could not be. */
export type ParsedScore =
  | { ok: true; score: number; via: 'json' | 'brackets' | 'result' | 'label' | 'fraction' }
  | { ok: false; reason: string };

/** Pairwise verdict as the judge saw it (positions, not systems). */
export type PositionVerdict = 'A' | 'B' | 'tie';

/** Pairwise parse result. */
export type ParsedVerdict = { ok: true; verdict: PositionVerdict } | { ok: false; reason: string };
