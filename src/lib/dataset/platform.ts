// The few platform objects the pure pipeline needs (TextDecoder, TextEncoder, byte streams), reached through
// structural types so the code compiles under the pure tsconfig (lib ES2022) and runs in Node, workers and pages.
import { AbortError } from '../core/errors';
import type { AbortSignalLike, ByteSource } from './types';

interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type TextDecoderCtor = new (
  label?: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => TextDecoderLike;
interface TextEncoderLike {
  encode(input: string): Uint8Array;
}
type TextEncoderCtor = new () => TextEncoderLike;

const platform = globalThis as unknown as { TextDecoder: TextDecoderCtor; TextEncoder: TextEncoderCtor };

// `fatal` makes invalid UTF-8 throw, so a bad byte marks its own line instead of silently becoming U+FFFD.
const strictDecoder = new platform.TextDecoder('utf-8', { fatal: true });
const lossyDecoder = new platform.TextDecoder('utf-8');
const encoder = new platform.TextEncoder();

/** Decodes UTF-8 strictly; `null` when the bytes are not valid UTF-8. A leading BOM is dropped. */
export function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes UTF-8, replacing invalid sequences with U+FFFD (for previews and error excerpts). */
export function decodeLossy(bytes: Uint8Array): string {
  return lossyDecoder.decode(bytes);
}

/** Encodes a string as UTF-8. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Throws `AbortError` when the signal has fired. */
export function checkAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

/** Iterates the chunks of any byte source, checking the signal between chunks and cancelling a stream on abort. */
export async function* iterateChunks(
  source: ByteSource,
  signal?: AbortSignalLike,
): AsyncGenerator<Uint8Array> {
  checkAborted(signal);
  if ('getReader' in source) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal?.aborted) {
          await reader.cancel('aborted').catch(() => undefined);
          throw new AbortError();
        }
        if (done) return;
        if (value && value.length > 0) yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of source) {
    checkAborted(signal);
    if (chunk.length > 0) yield chunk;
  }
}

/** A byte source over a string (pasted text, tests), cut into `chunkBytes`-sized chunks. */
export function textSource(text: string, chunkBytes = 1 << 20): Iterable<Uint8Array> {
  const bytes = encodeUtf8(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return chunks;
}

/** Concatenates byte pieces into one array. */
export function concatBytes(pieces: readonly Uint8Array[], total: number): Uint8Array {
  if (pieces.length === 1 && pieces[0]) return pieces[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
