// Builds the app into a private folder under .e2e/ and serves it with Vite's preview API, the way a static host
// would. Shared by the browser tests' global setup, offline.test.ts, the bench/ scripts and scripts/screenshot.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, preview, type LogLevel } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');

/** How to build and where to serve. */
export interface ServeOptions {
  /** Sub-path the app is served under, e.g. '/team/yardstick/' (default '/'). */
  subPath?: string;
  /** Environment variables set while the build runs, then restored (e.g. NODE_ENV=production). */
  env?: Record<string, string>;
  /** Extra response headers the preview server sends (e.g. COOP/COEP). */
  headers?: Record<string, string>;
  /** Vite's log level for the build and the server (default 'warn'). */
  logLevel?: LogLevel;
  /** Name prefix of the temp build folder under .e2e/ (default 'dist-'). */
  prefix?: string;
}

/** A running preview server: its URL (ends in the sub-path) and a close that stops it. */
export interface Served {
  url: string;
  close(): Promise<void>;
}

/** A served build: `close()` stops the server and deletes the build folder. */
export interface BuiltAndServed extends Served {
  outDir: string;
}

/** Builds the app into a fresh temp folder under .e2e/ and returns the folder. */
export async function buildApp(
  options: Pick<ServeOptions, 'env' | 'logLevel' | 'prefix'> = {},
): Promise<string> {
  const outDir = mkdtempSync(join(ROOT, '.e2e', options.prefix ?? 'dist-'));
  const saved = Object.entries(options.env ?? {}).map(([k, v]) => {
    const before = process.env[k];
    process.env[k] = v;
    return [k, before] as const;
  });
  try {
    await build({ root: ROOT, logLevel: options.logLevel ?? 'warn', build: { outDir, emptyOutDir: true } });
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  } finally {
    for (const [k, before] of saved) {
      if (before === undefined) delete process.env[k];
      else process.env[k] = before;
    }
  }
  return outDir;
}

/** Serves an existing build folder on a free local port. */
export async function serveBuild(
  outDir: string,
  options: Pick<ServeOptions, 'subPath' | 'headers' | 'logLevel'> = {},
): Promise<Served> {
  const server = await preview({
    root: ROOT,
    base: options.subPath ?? '/',
    logLevel: options.logLevel ?? 'warn',
    build: { outDir },
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      ...(options.headers ? { headers: options.headers } : {}),
    },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('preview server has no URL');
  }
  return { url, close: () => server.close() };
}

/** Builds the app and serves it; `close()` stops the server and removes the build. */
export async function buildAndServe(options: ServeOptions = {}): Promise<BuiltAndServed> {
  const outDir = await buildApp(options);
  let served: Served;
  try {
    served = await serveBuild(outDir, options);
  } catch (e) {
    rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: served.url,
    outDir,
    close: async () => {
      try {
        await served.close();
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    },
  };
}
