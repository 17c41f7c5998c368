// Defensive secret scrubbing for everything that leaves the browser (bundles, share links, exports). The database
// never stores an API key, but a settings object might one day carry one, so fields *named* like a credential are
// dropped wherever they occur, and credential-looking *values* are dropped from settings objects.

const SECRET_WORDS = new Set([
  'key',
  'apikey',
  'token',
  'authorization',
  'auth',
  'secret',
  'password',
  'passwd',
  'bearer',
  'credential',
  'credentials',
  'cookie',
]);

/** Field names that merely contain a secret word but hold no secret (a content hash). */
const ALLOWED = new Set(['cacheKey']);

/** Splits camelCase, snake_case, kebab-case and spaced names into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True for a field name like `apiKey`, `api_key`, `x-api-key`, `token`, `Authorization`, `client_secret`. */
export function isSecretName(name: string): boolean {
  if (ALLOWED.has(name)) return false;
  const words = nameWords(name);
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  return words.join('').includes('apikey');
}

// Common key shapes: OpenAI/Anthropic `sk-…`, Google `AIza…`, Hugging Face `hf_…`, and "Bearer …" headers.
const SECRET_VALUE = /^(?:Bearer\s+\S{8,}|sk-[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{20,}|hf_[A-Za-z0-9]{20,})$/;

/** True for a string that looks like an API key or an authorization header. */
export function looksLikeSecret(value: string): boolean {
  return SECRET_VALUE.test(value.trim());
}

/** Result of a scrub: the cleaned value and the paths removed (for a notice; never the values). */
export interface Scrubbed<T> {
  value: T;
  removed: string[];
}

/**
 * Deep copy without credential-named fields (string or object values; numeric counts such as `promptTokens`
 * stay). With `values: true`, strings that look like keys are dropped too (use on settings, not on user text).
 */
export function scrubSecrets<T>(input: T, options: { values?: boolean } = {}, path = ''): Scrubbed<T> {
  const removed: string[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${at}[${i}]`));
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const here = at ? `${at}.${k}` : k;
      const secretName = isSecretName(k) && typeof x !== 'number' && typeof x !== 'boolean' && x !== null;
      const secretValue = options.values === true && typeof x === 'string' && looksLikeSecret(x);
      if (secretName || secretValue) {
        removed.push(here);
        continue;
      }
      out[k] = walk(x, here);
    }
    return out;
  };
  return { value: walk(input, path) as T, removed };
}
