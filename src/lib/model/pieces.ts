// Text pieces of tokens for the per-token surprisal view. Byte-level BPE tokens can split a UTF-8 character, so a
// token's piece is the text its decode adds once the character is complete; the tokens before it get ''. Pure.

/** Decodes token ids to text. */
export type Decode = (ids: readonly number[]) => string;

const REPLACEMENT = '\uFFFD';

/**
 * Pieces such that their concatenation is the decoded text (for tokenizers whose decode is prefix-stable).
 * Decoding restarts two tokens before the open group, so the cost is linear in the number of tokens.
 */
export function tokenPieces(decode: Decode, ids: readonly number[]): string[] {
  const pieces: string[] = [];
  let groupStart = 0;
  for (let i = 0; i < ids.length; i++) {
    const anchor = Math.max(0, groupStart - 2);
    const base = decode(ids.slice(anchor, groupStart));
    const full = decode(ids.slice(anchor, i + 1));
    if (full.endsWith(REPLACEMENT) && i + 1 < ids.length) {
      pieces.push('');
      continue;
    }
    pieces.push(full.startsWith(base) ? full.slice(base.length) : decode(ids.slice(groupStart, i + 1)));
    groupStart = i + 1;
  }
  return pieces;
}
