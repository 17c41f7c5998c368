// Picks the adapter for a provider kind.
import { anthropicProvider } from './anthropic';
import { geminiProvider } from './gemini';
import { openAiProvider } from './openai';
import type { JudgeProvider, ProviderConfig } from './types';

export { ProviderError, scrubKey } from './http';
export { DEFAULT_BASE_URLS, endpointOf, type JudgeProvider, type ProviderConfig } from './types';

/** The provider adapter for a config. */
export function createProvider(config: ProviderConfig): JudgeProvider {
  switch (config.kind) {
    case 'openai':
      return openAiProvider(config);
    case 'anthropic':
      return anthropicProvider(config);
    case 'gemini':
      return geminiProvider({ ...config, model: config.model.replace(/^models\//, '') });
  }
}
