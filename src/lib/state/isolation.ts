// Cross-origin isolation opt-in: the page stores it where the service worker (public/sw.js) can read it, a Cache
// Storage entry keyed by the worker's scope, and the worker then serves the app with COOP/COEP. Names here must
// match the constants SETTINGS and ISOLATION_KEY in public/sw.js (a unit test checks that they do).

/** Cache Storage cache that holds the opt-in (kept by the service worker's cache clean-up). */
export const SETTINGS_CACHE = 'yardstick-settings';
/** Entry name, resolved against the service worker's scope: each deployment path has its own setting. */
export const ISOLATION_ENTRY = 'yardstick-isolation';

/**
 * The number of WASM threads ONNX Runtime Web picks when `env.wasm.numThreads` is unset, as in onnxruntime-web
 * lib/backend-wasm.ts `initializeFlags`: 1 unless the global is crossOriginIsolated (no SharedArrayBuffer), else
 * min(4, ceil(hardwareConcurrency / 2)), with 1 core assumed when the browser does not say.
 */
export function ortWasmThreads(isolated: boolean, hardwareConcurrency: number | undefined): number {
  if (!isolated) return 1;
  return Math.min(4, Math.ceil((hardwareConcurrency || 1) / 2));
}

/** The key of the opt-in entry for a service worker scope. */
export function isolationKey(scope: string): string {
  return new URL(ISOLATION_ENTRY, scope).href;
}

/** Whether the opt-in is stored for this scope (false when Cache Storage is unavailable). */
export async function readIsolationOptIn(scope: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  const hit = await (await caches.open(SETTINGS_CACHE)).match(isolationKey(scope));
  return hit ? (await hit.text()) === 'on' : false;
}

/** Stores or removes the opt-in for this scope; the service worker applies it to the next page load. */
export async function writeIsolationOptIn(scope: string, on: boolean): Promise<void> {
  const cache = await caches.open(SETTINGS_CACHE);
  if (on)
    await cache.put(isolationKey(scope), new Response('on', { headers: { 'content-type': 'text/plain' } }));
  else await cache.delete(isolationKey(scope));
}
