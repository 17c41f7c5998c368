// Redaction of API keys from provider messages (errors, retry notes, connection hints) before they are shown,
// logged or stored. A server may echo the key whole, cut ("…sk-test-LEAK-CA"), URL-encoded, or inside a header it
// quotes back, so three passes run: every run of 8+ characters that also occurs in the key, the URL-encoded key,
// and anything shaped like a credential whatever key is in use (another provider's key pasted by mistake).

/** Shortest run of the key's characters that is treated as a leak. */
export const MIN_LEAK_CHARS = 8;
const MARK = '[key]';

/** Credential shapes, each replaced by the mark (a header or parameter keeps its name). */
const SHAPES: readonly [RegExp, string][] = [
  // Anthropic (sk-ant-…), OpenAI (sk-…, sk-proj-…), OpenRouter (sk-or-…) and most OpenAI-compatible hosts.
  [/\bsk-[A-Za-z0-9_-]{6,}/g, MARK],
  // Google API keys.
  [/\bAIza[0-9A-Za-z_-]{6,}/g, MARK],
  // Authorization: Bearer <token> (any scheme word case).
  [/\b(bearer)\s+[^\s"'`,;]+/gi, `$1 ${MARK}`],
  // x-api-key: …, x-goog-api-key=…, "api_key": "…", Authorization: … as a header, JSON field or query parameter.
  [
    /\b(x-api-key|x-goog-api-key|api[_-]?key|authorization|access[_-]?token)("?\s*[:=]\s*"?)(?!bearer\b)([^\s"'`,;&]+)/gi,
    `$1$2${MARK}`,
  ],
  // ?key=… in a quoted URL.
  [/([?&]key=)[^\s"'`&#]+/gi, `$1${MARK}`],
];

/** Replaces every run of MIN_LEAK_CHARS or more characters of `text` that also occurs in `secret`. */
function scrubRuns(text: string, secret: string): string {
  if (secret.length < MIN_LEAK_CHARS) return text.split(secret).join(MARK);
  let out = '';
  let i = 0;
  while (i < text.length) {
    // Longest run starting at i that occurs anywhere in the secret (keys are short: a plain scan is enough).
    let best = 0;
    for (let j = secret.indexOf(text[i] ?? '', 0); j !== -1; j = secret.indexOf(text[i] ?? '', j + 1)) {
      let n = 0;
      while (i + n < text.length && j + n < secret.length && text[i + n] === secret[j + n]) n++;
      if (n > best) best = n;
    }
    if (best >= MIN_LEAK_CHARS) {
      out += MARK;
      i += best;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/**
 * Text with the key removed: any run of 8+ of its characters (plain or URL-encoded) and anything key-shaped
 * (`sk-…`, `sk-ant-…`, `AIza…`, `Bearer …`, `x-api-key: …`) becomes `[key]`.
 */
export function scrubKey(text: string, key: string): string {
  let out = text;
  const k = key.trim();
  if (k.length >= 4) {
    out = scrubRuns(out, k);
    const enc = encodeURIComponent(k);
    if (enc !== k) out = scrubRuns(out, enc);
  }
  for (const [re, to] of SHAPES) out = out.replace(re, to);
  return out;
}
