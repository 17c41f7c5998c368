// One POST with uniform error classification for every provider. Retry decisions follow JUDGE-NOTES §1.8:
// 408/409/429/5xx/529, network errors and timeouts are retryable; 400/401/402/403/404 and quota 429s are not, and
// 401/402/403/404 and quota exhaustion stop the whole run (every later call would fail the same way).
import { YardstickError, isAbort } from '../../core/errors';
import { scrubKey } from './scrub';

export { scrubKey };

/** Why a call failed, in a form the queue can act on and the page can explain. */
export class ProviderError extends YardstickError {
  readonly status: number | null;
  readonly retryable: boolean;
  /** Every later call would fail the same way (bad key, no credits, no such model): stop the run. */
  readonly fatal: boolean;
  /** Server-requested wait, when the browser could read it (Retry-After, Gemini RetryInfo). */
  readonly retryAfterMs: number | null;
  constructor(
    code: 'network' | 'timeout' | 'http' | 'malformed',
    message: string,
    opts: { status?: number | null; retryable: boolean; fatal?: boolean; retryAfterMs?: number | null },
  ) {
    super(code, message);
    this.name = 'ProviderError';
    this.status = opts.status ?? null;
    this.retryable = opts.retryable;
    this.fatal = opts.fatal ?? false;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);
const FATAL = new Set([401, 402, 403, 404]);

/** Seconds or an HTTP date → ms; null when absent, unreadable or over a minute (the SDKs' limit). */
function retryAfter(headers: Headers, body: string): number | null {
  const h = headers.get('retry-after-ms') ?? null;
  if (h && Number.isFinite(Number(h))) return Number(h);
  const ra = headers.get('retry-after');
  let ms: number | null = null;
  if (ra) ms = Number.isFinite(Number(ra)) ? Number(ra) * 1000 : Date.parse(ra) - Date.now();
  // Gemini puts RetryInfo.retryDelay ("33s") in the body; the header is often not exposed to the page.
  const m = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  if (ms === null && m) ms = Number(m[1]) * 1000;
  return ms !== null && ms >= 0 && ms <= 60_000 ? ms : null;
}

/** The provider's own error message from a JSON error body, else the start of the body. */
function providerMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
    if (typeof m === 'string') return m;
  } catch {
    // not JSON
  }
  return body.slice(0, 300);
}

/** Options of one request. */
export interface PostOptions {
  fetchFn: typeof fetch;
  key: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** POSTs JSON and returns the parsed JSON body, or throws a ProviderError whose text never contains the key. */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  opts: PostOptions,
): Promise<unknown> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), opts.timeoutMs);
  const onAbort = () => timeout.abort();
  opts.signal?.addEventListener('abort', onAbort);
  let res: Response;
  let text: string;
  try {
    // Called unbound: window.fetch invoked as a method of another object throws "Illegal invocation".
    const fetchFn = opts.fetchFn;
    res = await fetchFn(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: timeout.signal,
    });
    text = await res.text();
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    if (timeout.signal.aborted || isAbort(e))
      throw new ProviderError('timeout', `No answer within ${Math.round(opts.timeoutMs / 1000)} s`, {
        retryable: true,
      });
    // A CORS block, a server that is down and a denied local-network permission all look like this.
    throw new ProviderError(
      'network',
      scrubKey(`Network error: ${e instanceof Error ? e.message : String(e)}`, opts.key),
      {
        retryable: true,
      },
    );
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (!res.ok) {
    const message = scrubKey(providerMessage(text), opts.key);
    const quota =
      res.status === 429 &&
      /insufficient_quota|quota|billing|per day|PerDay/i.test(text) &&
      !/per minute|PerMinute/i.test(text);
    const retryable = RETRYABLE.has(res.status) && !quota;
    throw new ProviderError('http', `HTTP ${res.status}: ${message}`, {
      status: res.status,
      retryable,
      fatal: FATAL.has(res.status) || quota,
      retryAfterMs: retryable ? retryAfter(res.headers, text) : null,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A cut-off body is a transport fault (the model's own text being malformed is a parse failure, handled later).
    throw new ProviderError(
      'malformed',
      `The server answered with a body that is not JSON (${text.length} bytes)`,
      {
        status: res.status,
        retryable: true,
      },
    );
  }
}

/** Reads a nested field without `any`. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** A number field or 0. */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The answer has the wrong shape. */
export function malformed(what: string): ProviderError {
  return new ProviderError('malformed', `Unexpected answer shape: ${what}`, { retryable: true });
}
