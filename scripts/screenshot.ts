// Takes the README screenshot: builds the app into a temporary folder, serves it with Vite's preview API, opens the
// demo report (?demo) at 1440×900 in headless Chromium, waits until every chart has drawn, and writes a full-page
// PNG to docs/screenshot.png.
//   npx tsx scripts/screenshot.ts [output.png]
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openBrowser } from '../tests/e2e/browser';
import { buildAndServe } from '../tests/e2e/serve';

const root = resolve(import.meta.dirname, '..');
const output = resolve(process.argv[2] ?? join(root, 'docs/screenshot.png'));
/** Above this the PNG is too heavy for a README. */
const MAX_BYTES = 600 * 1024;

const served = await buildAndServe({ prefix: 'shot-' });
try {
  const { url } = served;
  const s = await openBrowser(url, { viewport: { width: 1440, height: 900 } });
  try {
    const { page } = s;
    await page.goto(`${url}?demo`);
    await page.getByRole('heading', { name: /^Report: / }).waitFor({ timeout: 60_000 });
    await page.locator('tr[data-score]').first().waitFor();
    // Every chart canvas has ink on it (a blank canvas means a chart failed to draw).
    await page.waitForFunction(
      () => {
        const canvases = [...document.querySelectorAll<HTMLCanvasElement>('figure.chart canvas')];
        return (
          canvases.length >= 4 &&
          canvases.every((c) => {
            const ctx = c.getContext('2d');
            if (!ctx || c.width === 0 || c.height === 0) return false;
            const px = ctx.getImageData(0, 0, c.width, c.height).data;
            for (let i = 0; i < px.length; i += 16) if ((px[i] ?? 255) < 200) return true;
            return false;
          })
        );
      },
      undefined,
      { timeout: 30_000, polling: 250 },
    );
    // Chart.js animates its first draw; wait for it to settle.
    await page.waitForTimeout(1500);
    mkdirSync(dirname(output), { recursive: true });
    await page.screenshot({ path: output, fullPage: true, animations: 'disabled', caret: 'hide' });
    if (s.external.length) throw new Error(`the page asked other hosts: ${s.external.join(', ')}`);
    if (s.errors.length) throw new Error(`the page logged errors: ${s.errors.join('; ')}`);
  } finally {
    await s.close();
  }
  const bytes = statSync(output).size;
  console.log(`${output}: ${Math.round(bytes / 1024)} KB`);
  if (bytes > MAX_BYTES) throw new Error(`${output} is ${bytes} bytes, over ${MAX_BYTES}`);
} finally {
  await served.close();
}
