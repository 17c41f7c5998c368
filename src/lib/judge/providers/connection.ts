// "Test connection": one tiny request, classified into plain words with the fix for each failure (JUDGE-NOTES §1.9).
// A blocked CORS request, a server that is down and a denied local-network permission are indistinguishable to
// the page (all "Failed to fetch"), so that message lists all three with what to switch on.
import { ProviderError, scrubKey } from './http';
import { createProvider } from './index';
import { endpointOf, type ProviderConfig } from './types';

/** What a connection test found. */
export interface ConnectionReport {
  ok: boolean;
  /** A short headline. */
  title: string;
  /** What to do about it (empty when ok). */
  hint: string;
  /** The model the server said it used, when it answered. */
  model?: string;
}

function isLocal(url: string): boolean {
  return /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:\d+)?(\/|$)/i.test(url);
}

/** Explains a failure of a provider call in plain words. Never includes the key. */
export function explainFailure(
  e: unknown,
  config: ProviderConfig,
  csp: { allowed: boolean },
): ConnectionReport {
  const base = endpointOf(config);
  if (e instanceof ProviderError) {
    if (e.code === 'network') {
      if (!csp.allowed)
        return {
          ok: false,
          title: `This page is not allowed to connect to ${new URL(base).origin}.`,
          hint: 'Add the base URL under "Allowed endpoints" and reload the page: the Content-Security-Policy only lets the page talk to endpoints you list.',
        };
      const local = isLocal(base)
        ? ' For a local server, switch on CORS for this page: Ollama — set OLLAMA_ORIGINS to this page\'s origin (localhost pages are allowed by default); LM Studio — "lms server start --cors" or the CORS toggle; vLLM — --allowed-origins; llama.cpp — check your version\'s CORS support or put a proxy in front. Chrome may also ask for permission to reach your local network: allow it.'
        : '';
      return {
        ok: false,
        title: `Could not reach ${base}.`,
        hint: `The server may be down, the address wrong, or the server does not allow requests from this page (CORS).${local}`,
      };
    }
    if (e.code === 'timeout')
      return {
        ok: false,
        title: 'The server did not answer in time.',
        hint: 'Check that the model is loaded and the server is not overloaded.',
      };
    if (e.code === 'malformed')
      return {
        ok: false,
        title: 'The server answered, but not in the expected format.',
        hint: `Check that the provider type matches the server (${config.kind}) and that the base URL ends at the API root (for OpenAI-compatible servers usually …/v1).`,
      };
    const s = e.status ?? 0;
    if (s === 401) {
      if (config.kind === 'anthropic' && /CORS/i.test(e.message))
        return {
          ok: false,
          title: 'Anthropic refused the browser request.',
          hint: 'The browser-access header was not accepted. Check the base URL points at the Anthropic API.',
        };
      return {
        ok: false,
        title: 'The key was rejected (401).',
        hint: 'Check that you pasted the whole key, for this provider, and that it has not been revoked.',
      };
    }
    if (s === 403) {
      if (config.kind === 'anthropic' && /CORS/i.test(e.message))
        return {
          ok: false,
          title: 'Your Anthropic organization does not allow browser requests.',
          hint: 'An organization admin can allow CORS requests in the console, or use a key from another workspace.',
        };
      return {
        ok: false,
        title: 'The key is not allowed to use this model (403).',
        hint: "Check the key's project, permissions and model access.",
      };
    }
    if (s === 402)
      return {
        ok: false,
        title: 'Out of credits (402).',
        hint: "Add credits or raise the key's spend limit with the provider.",
      };
    if (s === 404)
      return {
        ok: false,
        title: `Not found (404): the model "${config.model}" or the endpoint does not exist.`,
        hint: 'Check the model name and the base URL.',
      };
    if (s === 429)
      return {
        ok: false,
        title: 'Rate limited or out of quota (429).',
        hint: "Wait a minute and try again; if it persists, check the key's quota and billing.",
      };
    if (s === 400)
      return {
        ok: false,
        title: 'The request was rejected (400).',
        hint: scrubKey(e.message, config.apiKey),
      };
    return { ok: false, title: `The server had an error (${s}).`, hint: 'Try again later.' };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { ok: false, title: 'Unexpected error.', hint: scrubKey(msg, config.apiKey) };
}

/** Sends one tiny request and reports what happened. */
export async function testConnection(
  config: ProviderConfig,
  csp: { allowed: boolean },
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  const provider = createProvider({ ...config, timeoutMs: config.timeoutMs ?? 30_000 });
  try {
    const c = await provider.complete(
      {
        system: 'You are a connection test.',
        user: 'Reply with the single word: ok',
        params: { temperature: 0, maxTokens: 5, logprobs: false, structured: false },
      },
      signal,
    );
    return {
      ok: true,
      title: `Connected: ${c.model ?? config.model} answered.`,
      hint: '',
      ...(c.model ? { model: c.model } : {}),
    };
  } catch (e) {
    return explainFailure(e, config, csp);
  }
}
