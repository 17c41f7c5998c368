// OpenAI Chat Completions, the common denominator of OpenAI, OpenRouter, Together, Mistral, Groq, Ollama, LM Studio,
// vLLM and llama.cpp (JUDGE-NOTES §1.3). Only Authorization and Content-Type are sent: extra headers break CORS
// preflight on several compatible servers (§1.2).
import type { Completion, CompletionRequest, TokenLogprob } from '../types';
import { dig, malformed, num, postJson } from './http';
import { endpointOf, type JudgeProvider, type ProviderConfig } from './types';

/** The request body (exported for tests). */
export function openAiBody(
  model: string,
  req: CompletionRequest,
  official: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: [
      { role: 'system', content: req.system },
      { role: 'user', content: req.user },
    ],
    temperature: req.params.temperature,
  };
  // api.openai.com deprecated max_tokens; most compatible servers still expect it.
  body[official ? 'max_completion_tokens' : 'max_tokens'] = req.params.maxTokens;
  if (req.params.logprobs) {
    body.logprobs = true;
    body.top_logprobs = 20;
  }
  if (req.params.structured && req.schema)
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: 'judgement', strict: true, schema: req.schema },
    };
  return body;
}

function logprobsOf(choice: unknown): TokenLogprob[] | undefined {
  const content = dig(choice, 'logprobs', 'content');
  if (!Array.isArray(content)) return undefined;
  return content.map((t: unknown) => ({
    token: String(dig(t, 'token') ?? ''),
    logprob: num(dig(t, 'logprob')),
    top: (Array.isArray(dig(t, 'top_logprobs')) ? (dig(t, 'top_logprobs') as unknown[]) : []).map((a) => ({
      token: String(dig(a, 'token') ?? ''),
      logprob: num(dig(a, 'logprob')),
    })),
  }));
}

/** Reduces a Chat Completions answer to a Completion. */
export function parseOpenAi(json: unknown): Completion {
  const choice = dig(json, 'choices', 0);
  const content = dig(choice, 'message', 'content');
  const refusal = dig(choice, 'message', 'refusal');
  if (choice === undefined) throw malformed('no choices[0]');
  const text = typeof content === 'string' ? content : typeof refusal === 'string' ? refusal : '';
  const out: Completion = {
    text,
    usage: {
      promptTokens: num(dig(json, 'usage', 'prompt_tokens')),
      completionTokens: num(dig(json, 'usage', 'completion_tokens')),
    },
  };
  const lp = logprobsOf(choice);
  if (lp) out.logprobs = lp;
  const model = dig(json, 'model');
  if (typeof model === 'string') out.model = model;
  const finish = dig(choice, 'finish_reason');
  if (typeof finish === 'string') out.finishReason = finish;
  return out;
}

/** An OpenAI-compatible provider. */
export function openAiProvider(config: ProviderConfig): JudgeProvider {
  const base = endpointOf(config);
  const official = /^https:\/\/api\.openai\.com\b/.test(base);
  return {
    kind: 'openai',
    model: config.model,
    canLogprobs: true,
    async complete(req, signal) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      // Local servers need no key; sending an empty Bearer would be rejected by some.
      if (config.apiKey) headers.Authorization = `Bearer ${config.apiKey}`;
      const json = await postJson(
        `${base}/chat/completions`,
        headers,
        openAiBody(config.model, req, official),
        {
          fetchFn: config.fetchFn ?? fetch,
          key: config.apiKey,
          timeoutMs: config.timeoutMs ?? 120_000,
          ...(signal ? { signal } : {}),
        },
      );
      return parseOpenAi(json);
    },
  };
}
