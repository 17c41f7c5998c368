// Which importer a dropped file belongs to, read from its first 64 KiB (route.ts decides; see there).
import { resultsFormatOf, type ResultsFormat } from '../report/interop/route';

/** The results format of a file, or null when it is rows for the dataset import. */
export async function resultsFormatOfFile(file: Blob): Promise<ResultsFormat | null> {
  const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  return resultsFormatOf(gzip ? '' : new TextDecoder().decode(head), gzip);
}
