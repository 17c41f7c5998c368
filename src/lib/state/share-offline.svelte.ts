// Offline support: in production builds, register the service worker (public/sw.js) next to index.html, so it
// works under any sub-path. Development and unit tests never register one, so they never see cached files.

/** Registers the service worker once the page has loaded; failures only cost offline support. */
export function registerOffline(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker
      .register('./sw.js', { scope: './' })
      .catch((e: unknown) => console.warn('Offline support unavailable:', e));
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
