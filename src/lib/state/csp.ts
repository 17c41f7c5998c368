// Content-Security-Policy for the page, injected as a <meta> at start-up (static hosts often cannot set headers;
// JUDGE-NOTES §4.2): connect-src is limited to the app itself, the model hub, the known judge providers, local
// servers and the base URLs the user added. A CSP cannot be widened after it is set, so adding a base URL is
// stored here and takes effect on the next load. The list holds origins only, never keys.

const STORE_KEY = 'yardstick.judge.endpoints';

/** The model hub: huggingface.co, its CDN and LFS hosts, and the Xet storage hosts (cas-bridge.xethub.hf.co)
 *  that the hub redirects file downloads to (transformers.js fetches `/resolve/` URLs, see its hub.js). */
export const HUB_SOURCES = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://hf.co',
  'https://*.hf.co',
];

/** Judge providers with known browser (CORS) support, and local servers (Ollama, LM Studio, vLLM, llama.cpp). */
export const PROVIDER_SOURCES = [
  'https://api.openai.com',
  'https://api.anthropic.com',
  'https://generativelanguage.googleapis.com',
  'https://openrouter.ai',
  'https://api.groq.com',
  'https://api.mistral.ai',
  'https://api.together.xyz',
  'http://localhost:*',
  'http://127.0.0.1:*',
];

/** The origin of a base URL, or null when it is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Whether a URL is allowed by the built-in list or the user's origins. */
export function isAllowed(url: string, userOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  if (!origin) return false;
  if (typeof location !== 'undefined' && origin === location.origin) return true;
  const u = new URL(origin);
  return [...HUB_SOURCES, ...PROVIDER_SOURCES, ...userOrigins].some((src) => {
    const m = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\*|\d+))?$/.exec(src);
    if (!m) return false;
    const [, scheme, wildcard, host, port] = m;
    if (`${scheme}:` !== u.protocol) return false;
    const hostOk = wildcard ? u.hostname.endsWith(`.${host ?? ''}`) : u.hostname === host;
    const portOk = port === '*' || (port ?? '') === u.port;
    return hostOk && portOk;
  });
}

/** The policy text. */
export function buildCsp(userOrigins: readonly string[]): string {
  const connect = ["'self'", 'data:', 'blob:', ...HUB_SOURCES, ...PROVIDER_SOURCES, ...userOrigins];
  return `connect-src ${connect.join(' ')}; object-src 'none'; base-uri 'self'`;
}

/** The user's added origins (from localStorage: read synchronously, before any request). */
export function storedOrigins(): string[] {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list)
      ? list.filter((x): x is string => typeof x === 'string' && originOf(x) === x)
      : [];
  } catch {
    return [];
  }
}

/** The origins in force for this page load (set by installCsp). */
let active: string[] = [];

/** Origins the current policy allows beyond the built-ins. */
export function activeOrigins(): readonly string[] {
  return active;
}

/** Adds a base URL's origin; returns true when a reload is needed for it to take effect. */
export function addOrigin(url: string): { origin: string | null; needsReload: boolean } {
  const origin = originOf(url);
  if (!origin) return { origin: null, needsReload: false };
  if (isAllowed(origin, active)) return { origin, needsReload: false };
  const list = storedOrigins();
  if (!list.includes(origin)) localStorage.setItem(STORE_KEY, JSON.stringify([...list, origin]));
  return { origin, needsReload: true };
}

/** Removes an added origin (takes effect on reload). */
export function removeOrigin(origin: string): void {
  localStorage.setItem(STORE_KEY, JSON.stringify(storedOrigins().filter((o) => o !== origin)));
}

/** The origin of a `?bundle=URL` the page was opened with: the user asked for it, so this load may fetch it. */
export function bundleOrigin(href: string): string | null {
  try {
    const page = new URL(href);
    const bundle = page.searchParams.get('bundle');
    return bundle ? originOf(new URL(bundle, page).href) : null;
  } catch {
    return null;
  }
}

/** Injects the CSP and a no-referrer policy into <head>. Call once, first thing at start-up. */
export function installCsp(): void {
  if (typeof document === 'undefined' || document.querySelector('meta[http-equiv="Content-Security-Policy"]'))
    return;
  const shared = bundleOrigin(location.href);
  active = storedOrigins();
  if (shared && !isAllowed(shared, active)) active = [...active, shared];
  const csp = document.createElement('meta');
  csp.httpEquiv = 'Content-Security-Policy';
  csp.content = buildCsp(active);
  const referrer = document.createElement('meta');
  referrer.name = 'referrer';
  referrer.content = 'no-referrer';
  document.head.prepend(csp, referrer);
}
