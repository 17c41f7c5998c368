/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// COI=1 serves with COOP/COEP so the page is cross-origin isolated (multi-threaded ONNX Runtime WASM).
const coiHeaders =
  process.env.COI === '1'
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : undefined;

export default defineConfig({
  // Relative base: the static build works from any host and any sub-path.
  base: './',
  // 'mpa': unknown paths are real 404s instead of index.html, so a missing model file fails loudly.
  appType: 'mpa',
  plugins: [svelte()],
  worker: { format: 'es' },
  // The asset manifest lists every emitted file for the service worker's precache (public/sw.js).
  build: { chunkSizeWarningLimit: 1024, target: 'es2022', manifest: 'asset-manifest.json' },
  preview: { ...(coiHeaders ? { headers: coiHeaders } : {}) },
  server: { ...(coiHeaders ? { headers: coiHeaders } : {}) },
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          // Browser tests run after the unit tests, one file at a time: the machine has two cores.
          sequence: { groupOrder: 1 },
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
