// Opening a bundle off the main thread: gunzip, JSON.parse, migration and validation are pure, so the analysis worker
// runs them and hands back a bundle restore() accepted; the page only writes it to IndexedDB. Same steps, in the same
// order, as ShareState.openBundle/importAny did on the page (detectResults first for "Import a bundle…").
import { bundleToJson, createBundle } from '../report/bundle/encode';
import { restore } from '../report/bundle/restore';
import { detectResults } from '../report/interop/detect';
import type { BundleOutcome, BundleSource } from './protocol';

/** Validates a bundle (or, for `any`, first sorts the file into a bundle or another tool's results). */
export function openBundleSource(source: BundleSource): BundleOutcome {
  let input: Uint8Array | string = source.input;
  if (source.kind === 'any') {
    const d = detectResults(source.input, source.fileName, source.now);
    if (!d.ok) return { ok: false, stage: 'detect', message: d.error };
    if (d.value.kind === 'imported')
      input = bundleToJson(createBundle(d.value.records, { generator: `import from ${d.value.source}` }));
  }
  const r = restore(input);
  return r.ok ? { ok: true, bundle: r.value } : { ok: false, stage: 'restore', message: r.error.message };
}
