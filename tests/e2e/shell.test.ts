import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
});
afterAll(async () => s?.close());

test('the app shell loads from a sub-path with no external requests', async () => {
  const url = inject('baseUrl');
  expect(new URL(url).pathname).toBe('/team/yardstick/');
  await s.page.goto(url);
  await expect.poll(() => s.page.locator('header .brand').textContent()).toBe('Yardstick');
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
