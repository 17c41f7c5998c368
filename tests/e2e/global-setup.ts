// Builds the app once into a private folder and serves it with Vite's preview API under a sub-path,
// the way a static host would (GitHub Pages style). Tests receive the URL via inject('baseUrl').
import type { TestProject } from 'vitest/node';
import { buildAndServe } from './serve';

export const SUB_PATH = '/team/yardstick/';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    distDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const served = await buildAndServe({ subPath: SUB_PATH });
  project.provide('baseUrl', served.url);
  project.provide('distDir', served.outDir);
  return () => served.close();
}
