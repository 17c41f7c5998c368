// Headless Chromium for browser tests: a fresh profile per call, and a hermetic network guard that aborts
// (and records) every request to a host other than the local preview server.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('Chromium not found: install Debian chromium or set CHROMIUM_PATH');
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Requests to any other origin (aborted). A hermetic test asserts this is empty. */
  external: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  profileDir: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Expose a (software) WebGPU adapter. */
  webgpu?: boolean;
  /** Reuse a profile directory (to test persistence across browser restarts). */
  profileDir?: string;
  viewport?: { width: number; height: number };
}

export async function openBrowser(baseUrl: string, options: OpenOptions = {}): Promise<BrowserSession> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'yardstick-e2e-'));
  const args = [...BASE_FLAGS, options.webgpu ? '--enable-unsafe-webgpu' : '--disable-gpu'];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 860 },
    acceptDownloads: true,
  });
  const origin = new URL(baseUrl).origin;
  const external: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    external,
    errors,
    profileDir,
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
