// Content-addressed cache key of a judge request: provider, endpoint, model, parameters and the filled prompt.
// The API key is deliberately not an input, so the key can never be recovered from or leak into the cache.
import { contentHash, stableStringify } from '../core/hash';
import type { JudgeParams, ProviderKind } from './types';

/** Everything that changes a judge's answer. */
export interface CacheKeyInput {
  provider: ProviderKind;
  /** Base URL for OpenAI-compatible servers (different servers answer differently); empty otherwise. */
  baseUrl: string;
  model: string;
  params: JudgeParams;
  system: string;
  user: string;
  schema?: Record<string, unknown>;
  /** Repeat index: k repeats must be k distinct calls, not one cached answer. */
  repeat: number;
}

/** The cache key, `jc-` + two independent 64-bit hashes (128 bits, so collisions are negligible). */
export function cacheKey(input: CacheKeyInput): string {
  const text = stableStringify({ v: 1, ...input });
  return `jc-${contentHash(text)}${contentHash(`${text.length}:${text}`)}`;
}
