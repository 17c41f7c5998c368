// Lazy transformers.js: imported on first use only, configured once (self-hosted ONNX Runtime wasm, where bundled
// models live, a hub-only cache, and a fetch that serves user-picked model files). Runs in the worker or in Node.
type Transformers = typeof import('@huggingface/transformers');

/** Where the runtime is and what it may use. */
export interface RuntimeConfig {
  /** URL path (browser, no origin: transformers.js only looks locally for origin-less paths) or absolute folder (Node) of bundled models, ending in '/'. */
  modelsBase: string;
  /** Browser: ONNX Runtime's asyncify glue and wasm, served by the app instead of the default CDN. */
  wasmPaths?: { wasm: string; mjs: string };
  /** Browser: Cache Storage name for hub downloads (null: no caching). */
  cacheName?: string | null;
}

/** Prefix (under modelsBase) of virtual folders that serve user-picked files. */
export const FILES_PREFIX = 'user-files-';

const registered = new Map<string, Blob>();

/** Serves picked files under modelsBase/<folderId>/<path>; returns the model id to load. */
export function registerFiles(
  config: RuntimeConfig,
  folderId: string,
  files: { path: string; file: Blob }[],
): string {
  const id = `${FILES_PREFIX}${folderId}`;
  for (const [k] of registered) if (k.startsWith(`${config.modelsBase}${id}/`)) registered.delete(k);
  for (const f of files) registered.set(`${config.modelsBase}${id}/${f.path.replace(/^\/+/, '')}`, f.file);
  return id;
}

function pathOf(input: string | URL): string {
  const raw = typeof input === 'string' ? input : input.href;
  return /^[a-z]+:/i.test(raw) ? new URL(raw).pathname : raw;
}

type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A fetch that answers registered user files from memory and passes everything else through. */
function filesFetch(base: Fetch): Fetch {
  return (input, init) => {
    const path = pathOf(input);
    if (path.includes(`/${FILES_PREFIX}`) || path.startsWith(FILES_PREFIX)) {
      const file = registered.get(decodeURIComponent(path));
      if (!file) return Promise.resolve(new Response('not found', { status: 404 }));
      return Promise.resolve(
        new Response(file, { status: 200, headers: { 'content-length': String(file.size) } }),
      );
    }
    return base(input, init);
  };
}

/**
 * Cache Storage for hub downloads only: bundled and user-picked files never enter it (they are local already, and
 * a picked folder's name says nothing about its contents).
 */
function hubOnlyCache(name: string, remoteHost: string) {
  const open = () => caches.open(name);
  const isHub = (key: string) => key.startsWith(remoteHost);
  return {
    async match(key: string) {
      return isHub(key) ? (await open()).match(key) : undefined;
    },
    async put(key: string, response: Response) {
      if (isHub(key)) await (await open()).put(key, response);
    },
    async delete(key: string) {
      return isHub(key) ? (await open()).delete(key) : false;
    },
  };
}

let loading: Promise<Transformers> | null = null;

/** The configured transformers.js module; a failed import can be retried (the promise is cleared on rejection). */
export function getTransformers(config: RuntimeConfig): Promise<Transformers> {
  loading ??= (async () => {
    const t = await import('@huggingface/transformers');
    const env = t.env;
    env.localModelPath = config.modelsBase;
    if (config.wasmPaths) {
      // After importing transformers.js (which points wasmPaths at a CDN) and before the first session.
      const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown } };
      onnx.wasm ??= {};
      onnx.wasm.wasmPaths = { ...config.wasmPaths };
    }
    if (typeof caches !== 'undefined') {
      env.useBrowserCache = false;
      if (config.cacheName) {
        env.useCustomCache = true;
        env.customCache = hubOnlyCache(config.cacheName, env.remoteHost);
      }
    }
    const base: Fetch = env.fetch ?? globalThis.fetch.bind(globalThis);
    env.fetch = filesFetch(base);
    return t;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
