// Share links: a small project travels inside the URL fragment (#share=…), deflated with fflate and written in
// base64url (RFC 4648 §5). The fragment never reaches a server, so the data stays between the two browsers.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { err, ok, type Result } from '../core/types';

/** The fragment key. */
export const SHARE_PREFIX = '#share=';
/** Above this many characters a link gets unwieldy (chat apps and some browsers truncate): offer a file instead. */
export const MAX_SHARE_CHARS = 64_000;

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padded or not) → bytes; null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (b64.length % 4 === 1) return null;
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encodes JSON text as a fragment `#share=<base64url(deflate(utf8))>`. */
export function encodeShareFragment(json: string): string {
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** Decodes a fragment written by encodeShareFragment back to JSON text, or says why it cannot. */
export function decodeShareFragment(hash: string): Result<string, string> {
  if (!hash.startsWith(SHARE_PREFIX)) return err('The link has no #share= part.');
  const bytes = fromBase64Url(decodeURIComponent(hash.slice(SHARE_PREFIX.length)));
  if (!bytes)
    return err('The shared link is damaged (its data is not base64url); was it cut off when copied?');
  try {
    return ok(strFromU8(inflateSync(bytes)));
  } catch {
    return err('The shared link is damaged (its data does not decompress); was it cut off when copied?');
  }
}
