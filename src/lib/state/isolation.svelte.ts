// Whether this page is cross-origin isolated, how many WASM threads ONNX Runtime will use, and the opt-in that
// makes the service worker isolate the app on hosts that cannot send COOP/COEP themselves (public/sw.js).
import { ortWasmThreads, readIsolationOptIn, writeIsolationOptIn } from './isolation';

/** Where the isolation of this page load comes from. */
export type IsolationSource = 'host' | 'service-worker' | 'none' | 'unknown';

export class IsolationState {
  /** This page load is cross-origin isolated (SharedArrayBuffer available; the model worker inherits it). */
  readonly isolated: boolean = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;
  /** ORT's default thread count here; the model worker leaves env.wasm.numThreads unset, so ORT uses this. */
  readonly threads: number = ortWasmThreads(
    this.isolated,
    typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
  );
  readonly cores: number | null =
    typeof navigator === 'undefined' ? null : navigator.hardwareConcurrency || null;

  #optIn = $state(false);
  /** The stored opt-in as this page load found it (what the service worker applied); null until read. */
  #atLoad = $state<boolean | null>(null);
  #scope = $state<string | null>(null);
  #error = $state<string | null>(null);
  #listening = false;

  /** The stored opt-in (applies from the next load). */
  get optIn(): boolean {
    return this.#optIn;
  }
  /** A service worker controls this page, so the opt-in can take effect. */
  get available(): boolean {
    return this.#scope !== null;
  }
  get error(): string | null {
    return this.#error;
  }
  get source(): IsolationSource {
    if (!this.isolated) return 'none';
    return this.#atLoad === null ? 'unknown' : this.#atLoad ? 'service-worker' : 'host';
  }
  /** The stored setting differs from this page load: a reload applies it. The host's own isolation needs none. */
  get needsReload(): boolean {
    return this.available && this.source !== 'host' && this.#optIn !== this.isolated;
  }

  /** Finds the controlling service worker and reads the stored opt-in; again when a worker takes control. */
  async load(): Promise<void> {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) {
      this.#atLoad = false;
      return;
    }
    const sw = navigator.serviceWorker;
    if (!this.#listening) {
      this.#listening = true;
      sw.addEventListener('controllerchange', () => void this.load());
    }
    try {
      const reg = sw.controller ? await sw.getRegistration() : undefined;
      const optIn = reg ? await readIsolationOptIn(reg.scope) : false;
      this.#atLoad ??= optIn;
      this.#optIn = optIn;
      this.#scope = reg?.scope ?? null;
    } catch (e) {
      this.#error = `Could not read the isolation setting: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Stores the opt-in for the service worker; takes effect on reload. */
  async set(on: boolean): Promise<void> {
    const scope = this.#scope;
    if (!scope) return;
    try {
      await writeIsolationOptIn(scope, on);
      this.#optIn = on;
      this.#error = null;
    } catch (e) {
      this.#error = `Could not store the isolation setting: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  reload(): void {
    location.reload();
  }
}

/** The app's isolation state. */
export const isolation = new IsolationState();
