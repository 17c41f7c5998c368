// The user's API keys. Memory only by default (JUDGE-NOTES §4.2); "remember for this tab" (sessionStorage) and
// "remember on this device" (localStorage) are explicit choices the page warns about. Forget clears every store.
// Nothing here ever reaches IndexedDB, exports, share links, logs or error text.
import type { ProviderKind } from '../judge/types';

/** Where a key is kept. */
export type KeyMode = 'memory' | 'tab' | 'device';

const PREFIX = 'yardstick.judge.key.';
const KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'gemini'];

function storage(mode: KeyMode): Storage | null {
  try {
    return mode === 'tab' ? sessionStorage : mode === 'device' ? localStorage : null;
  } catch {
    return null;
  }
}

/** Keys per provider kind, with the chosen persistence. */
export class KeyStore {
  #keys = $state<Record<ProviderKind, string>>({ openai: '', anthropic: '', gemini: '' });
  #modes = $state<Record<ProviderKind, KeyMode>>({ openai: 'memory', anthropic: 'memory', gemini: 'memory' });

  constructor() {
    for (const kind of KINDS) {
      const tab = storage('tab')?.getItem(PREFIX + kind);
      const device = storage('device')?.getItem(PREFIX + kind);
      if (tab) {
        this.#keys[kind] = tab;
        this.#modes[kind] = 'tab';
      } else if (device) {
        this.#keys[kind] = device;
        this.#modes[kind] = 'device';
      }
    }
  }

  /** The key for a provider ('' when none). */
  key(kind: ProviderKind): string {
    return this.#keys[kind];
  }
  mode(kind: ProviderKind): KeyMode {
    return this.#modes[kind];
  }
  /** A masked form for display: sk-…abcd. */
  masked(kind: ProviderKind): string {
    const k = this.#keys[kind];
    return k ? `${k.slice(0, 3)}…${k.slice(-4)}` : '';
  }

  /** Sets the key, kept where the mode says. */
  set(kind: ProviderKind, key: string, mode: KeyMode = this.#modes[kind]): void {
    this.#keys[kind] = key.trim();
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
      this.#modes[kind] = 'memory';
      storage('tab')?.removeItem(PREFIX + kind);
      storage('device')?.removeItem(PREFIX + kind);
    }
  }

  #persist(kind: ProviderKind): void {
    const mode = this.#modes[kind];
    const key = this.#keys[kind];
    for (const m of ['tab', 'device'] as const) {
      const s = storage(m);
      if (!s) continue;
      if (m === mode && key) s.setItem(PREFIX + kind, key);
      else s.removeItem(PREFIX + kind);
    }
  }
}

export const keys = new KeyStore();
