// Opening projects that come from outside — a bundle file, a ?bundle=URL, a #share= link, the demo — and making
// share links. Everything goes through restore() (validate, migrate, refuse with a reason) and then one
// all-or-nothing database write; a refused file changes nothing.
import demoUrl from '../../../static/demo/demo-project.json.gz?url';
import { workspace } from './workspace.svelte';
import { router } from './router.svelte';
import type { WriteOptions } from '../db/write-restored';
import { analysis } from './analysis-client';
import type { BundleSource } from '../analysis/protocol';
import { bundleToJson, createBundle } from '../report/bundle/encode';
import type { BundleRecords, RedactionInfo } from '../report/bundle/types';
import { isRedacting, redactRecords } from '../report/redact';
import { MAX_SHARE_CHARS, SHARE_PREFIX, decodeShareFragment, encodeShareFragment } from '../report/share';
import { err, ok, type Result } from '../core/types';

/** A query parameter of the page address (null when absent; '' for a bare `?demo`). */
function queryParam(name: string): string | null {
  for (const part of location.search.replace(/^\?/, '').split('&')) {
    const [k = '', v = ''] = part.split('=');
    if (decodeURIComponent(k) === name) return decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return null;
}

/** Where a project came from, for the status line. */
export type Origin = 'file' | 'url' | 'link' | 'demo';

/** The share/open state: busy flag, last message and last error. */
export class ShareState {
  #busy = $state(false);
  #error = $state<string | null>(null);
  #message = $state<string | null>(null);

  get busy(): boolean {
    return this.#busy;
  }
  get error(): string | null {
    return this.#error;
  }
  get message(): string | null {
    return this.#message;
  }
  clear(): void {
    this.#error = null;
    this.#message = null;
  }

  /** Validates and stores a bundle, opens it, shows the report. Returns false (with `error`) when refused. */
  async openBundle(input: Uint8Array | string, origin: Origin, options: WriteOptions): Promise<boolean> {
    return this.#open({ kind: 'bundle', input }, origin, options);
  }

  /**
   * Gunzip, parse, migrate, validate and the one-transaction database write all run in the analysis worker (for a
   * 5,000-row project about 1.3 s of parsing and ~10 s of cloning and writing records were main-thread work); the
   * page gets the new project id and only opens it. A byte input's buffer is handed to the worker (not copied), so
   * callers pass bytes they no longer need.
   */
  async #open(source: BundleSource, origin: Origin, options: WriteOptions): Promise<boolean> {
    this.#busy = true;
    this.clear();
    try {
      const transfer = typeof source.input === 'string' ? [] : [source.input.buffer];
      const { outcome } = await analysis.request(
        { type: 'bundle-open', source, options },
        undefined,
        transfer,
      );
      if (!outcome.ok) {
        this.#error = `${outcome.stage === 'detect' ? 'Not imported' : 'Not opened'}: ${outcome.message}`;
        return false;
      }
      await workspace.open(outcome.projectId);
      this.#message = options.readOnly
        ? `Opened a shared evaluation (read-only) from ${origin === 'url' ? 'a URL' : origin === 'link' ? 'a link' : 'a file'}.`
        : `Imported “${outcome.name}”.`;
      router.go('report');
      return true;
    } catch (e) {
      this.#error = `Not opened: ${e instanceof Error ? e.message : String(e)}`;
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** Imports a bundle file as an editable copy. */
  async importFile(file: Blob): Promise<boolean> {
    return this.openBundle(new Uint8Array(await file.arrayBuffer()), 'file', {
      mode: 'copy',
      readOnly: false,
    });
  }

  /** Imports a bundle, or results of another tool (LLM Comparator, AlpacaEval, lm-eval samples) as a new project. */
  async importAny(file: File): Promise<boolean> {
    const input = new Uint8Array(await file.arrayBuffer());
    // Detection (another gunzip and parse) runs in the worker too, before restore().
    return this.#open({ kind: 'any', input, fileName: file.name, now: Date.now() }, 'file', {
      mode: 'copy',
      readOnly: false,
    });
  }

  /** Opens the bundle at a URL read-only (`?bundle=URL`); the server must allow cross-origin reads (CORS). */
  async openUrl(url: string): Promise<boolean> {
    let bytes: Uint8Array;
    try {
      // Resolved against the page, so a relative ?bundle=results/x.json.gz works from any sub-path.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off resolution, not reactive state
      const res = await fetch(new URL(url, location.href).href, { credentials: 'omit' });
      if (!res.ok) {
        this.#error = `Could not download the bundle (${url}): the server answered ${res.status} ${res.statusText}.`;
        return false;
      }
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch {
      this.#error = `Could not download the bundle (${url}): the server cannot be reached or does not allow cross-origin reads (CORS).`;
      return false;
    }
    return this.openBundle(bytes, 'url', { mode: 'shared', readOnly: true, namePrefix: 'Shared: ' });
  }

  /** Opens a project carried in a `#share=` fragment, read-only. */
  async openFragment(hash: string): Promise<boolean> {
    const text = decodeShareFragment(hash);
    if (!text.ok) {
      this.#error = `Not opened: ${text.error}`;
      return false;
    }
    return this.openBundle(text.value, 'link', { mode: 'shared', readOnly: true, namePrefix: 'Shared: ' });
  }

  /** Opens the bundled demo project (editable, so every part can be re-run live; reopening resets it). */
  async openDemo(): Promise<boolean> {
    try {
      const res = await fetch(demoUrl);
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      return this.openBundle(new Uint8Array(await res.arrayBuffer()), 'demo', {
        mode: 'shared',
        readOnly: false,
      });
    } catch (e) {
      this.#error = `The demo could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      return false;
    }
  }

  /** A link carrying the (optionally redacted) project in its fragment, or why it cannot be made. */
  makeLink(records: BundleRecords, redaction: RedactionInfo): Result<string, string> {
    const redacting = isRedacting(redaction);
    const bundle = createBundle(redacting ? redactRecords(records, redaction) : records, {
      generator: 'Yardstick 0.1.0',
      ...(redacting ? { redaction } : {}),
    });
    const fragment = encodeShareFragment(bundleToJson(bundle));
    if (fragment.length > MAX_SHARE_CHARS)
      return err(
        `This project needs ${Math.round(fragment.length / 1000)} k characters, too many for a link (limit ${MAX_SHARE_CHARS / 1000} k). Redact prompts and responses, or export a bundle file, host it, and share ?bundle=<its URL>.`,
      );
    return ok(`${location.origin}${location.pathname}${fragment}`);
  }

  /** Start-up: `?demo`, `?bundle=URL` or `#share=…` in the address open the matching project. */
  async handleStartup(): Promise<boolean> {
    if (location.hash.startsWith(SHARE_PREFIX)) {
      const hash = location.hash;
      history.replaceState(null, '', `${location.pathname}${location.search}#/report`);
      return this.openFragment(hash);
    }
    const bundle = queryParam('bundle');
    if (bundle) return this.openUrl(bundle);
    if (queryParam('demo') !== null) return this.openDemo();
    return false;
  }
}

export const share = new ShareState();
