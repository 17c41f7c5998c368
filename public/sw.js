// Yardstick service worker: the app works offline after the first visit.
// - Install: precache the app shell (index.html) and every JS/CSS/asset file of this build, read from the build's
//   asset manifest (vite.config.ts `build.manifest`), except very large files (the ORT wasm), cached on first use.
// - Navigations: network first (a new deploy is seen at once), the cached shell when offline.
// - Hashed build assets and bundled models: cache first (their names change when their content does).
// - Other origins are never touched: those requests go straight to the network (judge APIs, ?bundle= hosts).
const VERSION = 'v1';
const SHELL = `yardstick-shell-${VERSION}`;
const ASSETS = `yardstick-assets-${VERSION}`;
const PRECACHE_LIMIT = 4 * 1024 * 1024;
const scope = new URL(self.registration.scope);

async function precache() {
  const shell = await caches.open(SHELL);
  await shell.addAll(['./', './index.html']);
  const res = await fetch(new URL('asset-manifest.json', scope), { cache: 'no-store' });
  if (!res.ok) return;
  const manifest = await res.json();
  const files = new Set();
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
            .filter((k) => k.startsWith('yardstick-') && ![SHELL, ASSETS].includes(k))
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put('./index.html', res.clone());
    return res;
  } catch {
    return (await cache.match('./index.html')) || Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
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
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
    return;
  }
  const rel = url.pathname.slice(scope.pathname.length);
  if (rel.startsWith('assets/') || rel.startsWith('models/') || rel === 'favicon.svg')
    event.respondWith(cacheFirst(request));
});
