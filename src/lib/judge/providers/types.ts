// The provider interface the queue calls: one non-streaming completion (JUDGE-NOTES §2.3, hand-written fetch).
import type { Completion, CompletionRequest, ProviderKind } from '../types';

/** Settings of a provider connection. The key lives only here, in memory, for the duration of a call. */
export interface ProviderConfig {
  kind: ProviderKind;
  /** Empty for the provider's default endpoint. */
  baseUrl: string;
  model: string;
  apiKey: string;
  /** Injected in tests and the CLI; the page's fetch by default. */
  fetchFn?: typeof fetch;
  timeoutMs?: number;
}

/** A judge model behind one of the three wire formats. */
export interface JudgeProvider {
  readonly kind: ProviderKind;
  readonly model: string;
  /** Whether this wire format can return top logprobs at all (Anthropic cannot). */
  readonly canLogprobs: boolean;
  complete(req: CompletionRequest, signal?: AbortSignal): Promise<Completion>;
}

/** Default endpoints. */
export const DEFAULT_BASE_URLS: Record<ProviderKind, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

/** The endpoint a config talks to, without a trailing slash. */
export function endpointOf(config: Pick<ProviderConfig, 'kind' | 'baseUrl'>): string {
  // A stored run may name a provider this build does not know (the demo's 'recorded' runs): no default then.
  const fallback = (DEFAULT_BASE_URLS as Partial<Record<string, string>>)[config.kind] ?? '';
  return (config.baseUrl.trim() || fallback).replace(/\/+$/, '');
}
