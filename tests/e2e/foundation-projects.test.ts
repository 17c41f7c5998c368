// Projects on the start screen: rename and delete, and both survive a reload. Real Chromium, built app.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';
import { importAndOpen, jsonlFile, pickFile, storeCounts } from './foundation-helpers';

let s: BrowserSession;
beforeAll(async () => {
  s = await openBrowser(inject('baseUrl'));
  await s.page.goto(inject('baseUrl'));
});
afterAll(async () => s?.close());

const rows = (tag: string) =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `${tag}${i}`,
    prompt: `${tag} prompt ${i}`,
    response: `r${i}`,
  }));

async function newProject(name: string): Promise<void> {
  await s.page.getByRole('link', { name: 'Yardstick' }).click();
  await pickFile(s.page, jsonlFile(`${name}.jsonl`, rows(name)));
  await importAndOpen(s.page, 6);
}

test('rename a project; the new name shows in the list and the header, and survives a reload', async () => {
  const { page } = s;
  await newProject('alpha');
  await newProject('beta');
  await page.getByRole('link', { name: 'Yardstick' }).click();
  const list = page.getByRole('list', { name: 'Projects' });
  await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
  await page.getByRole('button', { name: 'Rename alpha' }).click();
  const input = page.getByLabel('New name for alpha');
  await input.fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('cannot be empty');
  await input.fill('Alpha, renamed');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Open Alpha, renamed' }).click();
  await expect.poll(() => page.getByLabel('Open project').textContent()).toContain('Alpha, renamed');
  await page.reload();
  await expect.poll(() => page.getByLabel('Open project').textContent()).toContain('Alpha, renamed');
});

test('delete a project after confirming; its rows go with it and the other project stays', async () => {
  const { page } = s;
  await page.getByRole('link', { name: 'Yardstick' }).click();
  expect(await storeCounts(page)).toMatchObject({ projects: 2, datasets: 2, rows: 12 });
  await page.getByRole('button', { name: 'Delete Alpha, renamed' }).click();
  // Nothing happens until confirmed; "Keep" backs out.
  await page.getByRole('button', { name: 'Keep', exact: true }).click();
  expect(await storeCounts(page)).toMatchObject({ projects: 2 });
  await page.getByRole('button', { name: 'Delete Alpha, renamed' }).click();
  await page.getByRole('button', { name: 'Confirm delete Alpha, renamed' }).click();
  const list = page.getByRole('list', { name: 'Projects' });
  await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
  expect(await list.textContent()).toContain('beta');
  expect(await storeCounts(page)).toMatchObject({ projects: 1, datasets: 1, rows: 6 });
  // The deleted project was open: the header no longer shows it, also after a reload.
  expect(await page.getByLabel('Open project').count()).toBe(0);
  await page.reload();
  await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
  expect(await page.getByLabel('Open project').count()).toBe(0);
  expect(s.external).toEqual([]);
  expect(s.errors).toEqual([]);
});
