// Bundle sizes: builds the app (production mode) into a temporary folder and prints every emitted file's raw and
// gzip size, then the first screen: the entry chunk and the chunks it imports statically (what index.html loads
// before any view asks for more), against the 250 KB gzip budget. Lazy chunks (Chart.js, the model runtime, the
// ORT wasm) are listed apart so it is visible that they load only when needed.
//   npx tsx bench/bundle.ts
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_KB = 250;
interface ManifestEntry {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

process.env.NODE_ENV = 'production';
const root = resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'yardstick-bundle-'));
try {
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const manifest = JSON.parse(readFileSync(join(outDir, 'asset-manifest.json'), 'utf8')) as Record<
    string,
    ManifestEntry
  >;
  const size = (file: string) => {
    const bytes = readFileSync(join(outDir, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(11);

  // First screen: entry chunk(s) plus their static imports, transitively.
  const first = new Set<string>();
  const visit = (key: string) => {
    const e = manifest[key];
    if (!e || first.has(e.file)) return;
    first.add(e.file);
    for (const css of e.css ?? []) first.add(css);
    for (const k of e.imports ?? []) visit(k);
  };
  for (const [key, e] of Object.entries(manifest)) if (e.isEntry) visit(key);

  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(outDir, dir))) {
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(join(outDir, rel)).isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('assets');
  const rows = files
    .map((f) => ({ f, ...size(f), first: first.has(f) }))
    .sort((a, b) => Number(b.first) - Number(a.first) || b.gzip - a.gzip);
  console.log(`${'file'.padEnd(58)}${'raw'.padStart(11)}${'gzip'.padStart(11)}  loads`);
  for (const r of rows)
    console.log(`${r.f.padEnd(58)}${kb(r.raw)}${kb(r.gzip)}  ${r.first ? 'first screen' : 'when needed'}`);
  const js = rows.filter((r) => r.first && r.f.endsWith('.js'));
  const total = js.reduce((s, r) => s + r.gzip, 0);
  const totalRaw = js.reduce((s, r) => s + r.raw, 0);
  console.log(
    `\nfirst screen JavaScript: ${js.length} file(s), ${kb(totalRaw).trim()} raw, ${kb(total).trim()} gzip ` +
      `(budget ${BUDGET_KB} KB): ${total / 1024 <= BUDGET_KB ? 'within budget' : 'OVER BUDGET'}`,
  );
  const heavy = rows.filter((r) => /ort|transformers|onnx|\.wasm$/i.test(r.f));
  console.log(
    `model runtime files: ${heavy.length}, of which on the first screen: ${heavy.filter((r) => r.first).length}`,
  );
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
