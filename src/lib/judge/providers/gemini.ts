// Gemini native generateContent (the OpenAI-compatibility endpoint is reported to fail CORS; JUDGE-NOTES §1.1).
// The key goes in the x-goog-api-key header, never in the URL, so it cannot leak through logs or history.
import type { Completion, CompletionRequest, TokenLogprob } from '../types';
import { dig, malformed, num, postJson } from './http';
import { endpointOf, type JudgeProvider, type ProviderConfig } from './types';

/** The request body (exported for tests). */
export function geminiBody(req: CompletionRequest): Record<string, unknown> {
  const generationConfig: Record<string, unknown> = {
    temperature: req.params.temperature,
    maxOutputTokens: req.params.maxTokens,
  };
  if (req.params.structured && req.schema) {
    generationConfig.responseMimeType = 'application/json';
    generationConfig.responseJsonSchema = req.schema;
  }
  if (req.params.logprobs) {
    generationConfig.responseLogprobs = true;
    generationConfig.logprobs = 20;
  }
  return {
    systemInstruction: { parts: [{ text: req.system }] },
    contents: [{ role: 'user', parts: [{ text: req.user }] }],
    generationConfig,
  };
}

function logprobsOf(candidate: unknown): TokenLogprob[] | undefined {
  const chosen = dig(candidate, 'logprobsResult', 'chosenCandidates');
  const top = dig(candidate, 'logprobsResult', 'topCandidates');
  if (!Array.isArray(chosen)) return undefined;
  return chosen.map((c: unknown, i: number) => {
    const alts = dig(Array.isArray(top) ? top[i] : undefined, 'candidates');
    return {
      token: String(dig(c, 'token') ?? ''),
      logprob: num(dig(c, 'logProbability')),
      top: (Array.isArray(alts) ? alts : []).map((a: unknown) => ({
        token: String(dig(a, 'token') ?? ''),
        logprob: num(dig(a, 'logProbability')),
      })),
    };
  });
}

/** Reduces a generateContent answer to a Completion; thinking tokens are billed as output (§1.6). */
export function parseGemini(json: unknown): Completion {
  const candidate = dig(json, 'candidates', 0);
  if (candidate === undefined) throw malformed('no candidates[0]');
  const parts = dig(candidate, 'content', 'parts');
  const text = Array.isArray(parts) ? parts.map((p: unknown) => String(dig(p, 'text') ?? '')).join('') : '';
  const out: Completion = {
    text,
    usage: {
      promptTokens: num(dig(json, 'usageMetadata', 'promptTokenCount')),
      completionTokens:
        num(dig(json, 'usageMetadata', 'candidatesTokenCount')) +
        num(dig(json, 'usageMetadata', 'thoughtsTokenCount')),
    },
  };
  const lp = logprobsOf(candidate);
  if (lp) out.logprobs = lp;
  const model = dig(json, 'modelVersion');
  if (typeof model === 'string') out.model = model;
  const finish = dig(candidate, 'finishReason');
  if (typeof finish === 'string') out.finishReason = finish;
  return out;
}

/** A Gemini provider. */
export function geminiProvider(config: ProviderConfig): JudgeProvider {
  const base = endpointOf(config);
  return {
    kind: 'gemini',
    model: config.model,
    canLogprobs: true,
    async complete(req, signal) {
      const url = `${base}/v1beta/models/${encodeURIComponent(config.model)}:generateContent`;
      const json = await postJson(
        url,
        { 'Content-Type': 'application/json', 'x-goog-api-key': config.apiKey },
        geminiBody(req),
        {
          fetchFn: config.fetchFn ?? fetch,
          key: config.apiKey,
          timeoutMs: config.timeoutMs ?? 120_000,
          ...(signal ? { signal } : {}),
        },
      );
      return parseGemini(json);
    },
  };
}
