import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATION_ENTRY, SETTINGS_CACHE, isolationKey, ortWasmThreads } from './isolation';

describe('ortWasmThreads (onnxruntime-web backend-wasm.ts initializeFlags)', () => {
  it('is 1 without cross-origin isolation, whatever the cores', () => {
    for (const cores of [undefined, 0, 1, 2, 8, 64]) expect(ortWasmThreads(false, cores)).toBe(1);
  });
  it('is min(4, ceil(cores / 2)) when isolated', () => {
    // Hand-worked: ceil(1/2)=1, ceil(2/2)=1, ceil(3/2)=2, ceil(5/2)=3, ceil(7/2)=4, ceil(16/2)=8 → 4.
    const cases: [number, number][] = [
      [1, 1],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 3],
      [7, 4],
      [8, 4],
      [16, 4],
    ];
    for (const [cores, threads] of cases) expect(ortWasmThreads(true, cores)).toBe(threads);
  });
  it('assumes one core when the browser does not say', () => {
    expect(ortWasmThreads(true, undefined)).toBe(1);
    expect(ortWasmThreads(true, 0)).toBe(1);
  });
});

describe('isolation opt-in storage', () => {
  it('keys the entry by the service worker scope (one setting per deployment path)', () => {
    expect(isolationKey('https://example.org/team/yardstick/')).toBe(
      'https://example.org/team/yardstick/yardstick-isolation',
    );
    expect(isolationKey('https://example.org/other/')).not.toBe(isolationKey('https://example.org/team/'));
  });
  it('uses the names the service worker reads', () => {
    const sw = readFileSync(resolve(import.meta.dirname, '../../../public/sw.js'), 'utf8');
    expect(sw).toContain(`const SETTINGS = '${SETTINGS_CACHE}';`);
    expect(sw).toContain(`const ISOLATION_KEY = new URL('${ISOLATION_ENTRY}', scope).href;`);
    // The clean-up on activate must keep the settings cache.
    expect(sw).toMatch(/!\[SHELL, ASSETS, SETTINGS\]\.includes\(k\)/);
  });
});
