// Yardstick service worker: the app works offline after the first visit.
// - Install: precache the app shell (index.html) and every JS/CSS/asset file of this build, read from the build's
//   asset manifest (vite.config.ts `build.manifest`), except very large files (the ORT wasm), cached on first use.
// - Navigations: network first (a new deploy is seen at once), the cached shell when offline.
// - Hashed build assets and bundled models: cache first (their names change when their content does).
// - Other origins are never touched: those requests go straight to the network (judge APIs, ?bundle= hosts).
// - Cross-origin isolation on hosts that cannot set headers (the coi-serviceworker technique), opt-in: when the
//   Perplexity view's setting is on, every same-origin response it serves gets COOP same-origin and COEP
//   require-corp, so the page and its workers are crossOriginIsolated and ONNX Runtime Web may use WASM threads.
//   require-corp, not credentialless: every cross-origin request the app makes is a CORS fetch() (model hub, judge
//   providers, ?bundle= hosts), which passes either policy, and require-corp also works in Safari. Responses that
//   already carry COEP (a host that isolates, `COI=1 npm run preview`) are left as they are.
const VERSION = 'v1';
const SHELL = `yardstick-shell-${VERSION}`;
const ASSETS = `yardstick-assets-${VERSION}`;
const PRECACHE_LIMIT = 4 * 1024 * 1024;
const scope = new URL(self.registration.scope);
// The opt-in, written by the page (src/lib/state/isolation.ts uses the same names): 'on' under this key.
const SETTINGS = 'yardstick-settings';
const ISOLATION_KEY = new URL('yardstick-isolation', scope).href;

async function precache() {
  const shell = await caches.open(SHELL);
  await shell.addAll(['./', './index.html']);
  const res = await fetch(new URL('asset-manifest.json', scope), { cache: 'no-store' });
  if (!res.ok) return;
  const manifest = await res.json();
  const files = new Set(['favicon.svg']); // linked from index.html, not part of the manifest
  for (const entry of Object.values(manifest)) {
    if (entry.file) files.add(entry.file);
    for (const f of [...(entry.css || []), ...(entry.assets || [])]) files.add(f);
  }
  const assets = await caches.open(ASSETS);
  await Promise.all(
    [...files].map(async (file) => {
      const url = new URL(file, scope);
      if (await assets.match(url)) return;
      const r = await fetch(url);
      const size = Number(r.headers.get('content-length') || 0);
      if (r.ok && size <= PRECACHE_LIMIT) await assets.put(url, r);
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('yardstick-') && ![SHELL, ASSETS, SETTINGS].includes(k))
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function isolationOptIn() {
  try {
    const hit = await (await caches.open(SETTINGS)).match(ISOLATION_KEY);
    return hit ? (await hit.text()) === 'on' : false;
  } catch {
    return false;
  }
}

// Whether each document or worker was served isolated, so its later requests (a worker script above all: an
// isolated owner refuses a worker without COEP) get the same answer even if another tab has changed the setting
// since. Unknown clients (after the worker was restarted) follow the stored setting.
const served = new Map();
function remember(clientId, on) {
  if (!clientId) return;
  served.set(clientId, on);
  if (served.size > 200) served.delete(served.keys().next().value);
}

function isolate(res) {
  // Opaque redirects and errors cannot be rebuilt; a host that isolates already sent its own policy.
  if (res.type === 'opaqueredirect' || res.status === 0 || res.headers.has('cross-origin-embedder-policy'))
    return res;
  const headers = new Headers(res.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

async function networkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put('./index.html', res.clone());
    return res;
  } catch {
    return (await cache.match('./index.html', { ignoreVary: true })) || Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  // ignoreVary: hosts that send `Vary: Origin` (Vite's preview does) would otherwise never match a module
  // script's CORS request (it carries Origin) against the precached copy (fetched without one).
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.status === 200) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname))
    return;
  const rel = url.pathname.slice(scope.pathname.length);
  const navigate = request.mode === 'navigate';
  const cached = rel.startsWith('assets/') || rel.startsWith('models/') || rel === 'favicon.svg';
  const respond = async () => {
    const known = navigate ? undefined : served.get(event.clientId);
    const on = known ?? (await isolationOptIn());
    if (navigate || request.destination === 'worker') remember(event.resultingClientId, on);
    const res = await (navigate ? networkFirst(request) : cacheFirst(request));
    return on ? isolate(res) : res;
  };
  // Other same-origin files (the asset manifest, bundles next to the app) go straight to the network: they are
  // neither documents nor workers, and same-origin subresources need no header under require-corp.
  if (navigate || cached) event.respondWith(respond());
});
