// Anthropic Messages from the browser: the opt-in header anthropic-dangerous-direct-browser-access is required,
// otherwise the API answers 401 "CORS requests must set …" (JUDGE-NOTES §1.1). No logprobs exist on this API.
import type { Completion, CompletionRequest } from '../types';
import { dig, malformed, num, postJson } from './http';
import { endpointOf, type JudgeProvider, type ProviderConfig } from './types';

/** The request body (exported for tests). */
export function anthropicBody(model: string, req: CompletionRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    max_tokens: req.params.maxTokens,
    system: req.system,
    messages: [{ role: 'user', content: req.user }],
    temperature: req.params.temperature,
  };
  if (req.params.structured && req.schema)
    body.output_config = { format: { type: 'json_schema', schema: req.schema } };
  return body;
}

/** Reduces a Messages answer to a Completion (text blocks joined). */
export function parseAnthropic(json: unknown): Completion {
  const content = dig(json, 'content');
  if (!Array.isArray(content)) throw malformed('no content[]');
  const text = content
    .filter((b: unknown) => dig(b, 'type') === 'text')
    .map((b: unknown) => String(dig(b, 'text') ?? ''))
    .join('');
  const out: Completion = {
    text,
    usage: {
      promptTokens: num(dig(json, 'usage', 'input_tokens')),
      completionTokens: num(dig(json, 'usage', 'output_tokens')),
    },
  };
  const model = dig(json, 'model');
  if (typeof model === 'string') out.model = model;
  const stop = dig(json, 'stop_reason');
  if (typeof stop === 'string') out.finishReason = stop;
  return out;
}

/** An Anthropic provider. */
export function anthropicProvider(config: ProviderConfig): JudgeProvider {
  const base = endpointOf(config);
  return {
    kind: 'anthropic',
    model: config.model,
    canLogprobs: false,
    async complete(req, signal) {
      const json = await postJson(
        `${base}/v1/messages`,
        {
          'content-type': 'application/json',
          'x-api-key': config.apiKey,
          'anthropic-version': '2023-06-01',
          'anthropic-dangerous-direct-browser-access': 'true',
        },
        anthropicBody(config.model, req),
        {
          fetchFn: config.fetchFn ?? fetch,
          key: config.apiKey,
          timeoutMs: config.timeoutMs ?? 120_000,
          ...(signal ? { signal } : {}),
        },
      );
      return parseAnthropic(json);
    },
  };
}
