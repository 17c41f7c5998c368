// The user's API keys. Memory only by default (JUDGE-NOTES §4.2); "remember for this tab" (sessionStorage) and
// "remember on this device" (localStorage) are explicit choices the page warns about. Forget clears every store.
// Nothing here ever reaches IndexedDB, exports, share links, logs or error text.
//
// A key is bound to the origin (scheme, host, port) of the endpoint it was entered for: asked for any other
// origin, the store answers '' and the page asks for a key again. So a base URL that arrives from outside (a shared
// project's judge run) can never receive a key the user typed for their own provider.
import { endpointOf } from '../judge/providers/types';
import type { ProviderKind } from '../judge/types';
import { originOf } from './csp';

/** Where a key is kept. */
export type KeyMode = 'memory' | 'tab' | 'device';

const PREFIX = 'yardstick.judge.key.';
const ORIGIN_SUFFIX = '.origin';
const KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'gemini'];

function storage(mode: KeyMode): Storage | null {
  try {
    return mode === 'tab' ? sessionStorage : mode === 'device' ? localStorage : null;
  } catch {
    return null;
  }
}

/** The origin a provider kind and base URL talk to ('' when the URL is not http(s)). */
export function endpointOrigin(kind: ProviderKind, baseUrl: string): string {
  return originOf(endpointOf({ kind, baseUrl })) ?? '';
}

/** Keys per provider kind, each bound to the origin it was entered for, with the chosen persistence. */
export class KeyStore {
  #keys = $state<Record<ProviderKind, string>>({ openai: '', anthropic: '', gemini: '' });
  #origins = $state<Record<ProviderKind, string>>({ openai: '', anthropic: '', gemini: '' });
  #modes = $state<Record<ProviderKind, KeyMode>>({ openai: 'memory', anthropic: 'memory', gemini: 'memory' });

  constructor() {
    for (const kind of KINDS) {
      for (const mode of ['tab', 'device'] as const) {
        const s = storage(mode);
        const key = s?.getItem(PREFIX + kind);
        if (!key || this.#keys[kind]) continue;
        // A key remembered before keys were bound to an origin has none: it is never sent until entered again.
        this.#keys[kind] = key;
        this.#origins[kind] = s?.getItem(PREFIX + kind + ORIGIN_SUFFIX) ?? '';
        this.#modes[kind] = mode;
      }
    }
  }

  /** The key for a provider and endpoint: '' when none, or when it was entered for another origin. */
  keyFor(kind: ProviderKind, baseUrl: string): string {
    const origin = endpointOrigin(kind, baseUrl);
    return origin !== '' && this.#origins[kind] === origin ? this.#keys[kind] : '';
  }
  /** The origin the provider's key is bound to ('' when there is no key). */
  origin(kind: ProviderKind): string {
    return this.#keys[kind] ? this.#origins[kind] : '';
  }
  /** Whether a key is held for this provider but bound to another origin than this endpoint's. */
  boundElsewhere(kind: ProviderKind, baseUrl: string): boolean {
    return this.#keys[kind] !== '' && this.keyFor(kind, baseUrl) === '';
  }
  mode(kind: ProviderKind): KeyMode {
    return this.#modes[kind];
  }

  /** Sets the key for the endpoint it will be sent to, kept where the mode says. */
  set(kind: ProviderKind, key: string, baseUrl: string, mode: KeyMode = this.#modes[kind]): void {
    this.#keys[kind] = key.trim();
    this.#origins[kind] = endpointOrigin(kind, baseUrl);
    this.#modes[kind] = mode;
    this.#persist(kind);
  }

  /** Changes where the key is kept (moving it out of the other stores). */
  setMode(kind: ProviderKind, mode: KeyMode): void {
    this.#modes[kind] = mode;
    this.#persist(kind);
  }

  /** Forgets every key everywhere. */
  forgetAll(): void {
    for (const kind of KINDS) {
      this.#keys[kind] = '';
      this.#origins[kind] = '';
      this.#modes[kind] = 'memory';
      for (const m of ['tab', 'device'] as const) {
        storage(m)?.removeItem(PREFIX + kind);
        storage(m)?.removeItem(PREFIX + kind + ORIGIN_SUFFIX);
      }
    }
  }

  #persist(kind: ProviderKind): void {
    const mode = this.#modes[kind];
    const key = this.#keys[kind];
    for (const m of ['tab', 'device'] as const) {
      const s = storage(m);
      if (!s) continue;
      if (m === mode && key) {
        s.setItem(PREFIX + kind, key);
        s.setItem(PREFIX + kind + ORIGIN_SUFFIX, this.#origins[kind]);
      } else {
        s.removeItem(PREFIX + kind);
        s.removeItem(PREFIX + kind + ORIGIN_SUFFIX);
      }
    }
  }
}

export const keys = new KeyStore();
