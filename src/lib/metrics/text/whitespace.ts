// Python's notion of whitespace, as used by str.split(), str.strip() and re's \s on str patterns.
// It differs from JavaScript's \s and trim(): Python adds \x1c-\x1f and \x85, and lacks \ufeff
// (CPython Objects/unicodetype_db.h, _PyUnicode_IsWhitespace; METRICS-SPEC A.9).

/** True when the UTF-16 code unit `c` is whitespace for Python's str.split()/strip(). */
export function isPyWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python `s.split()` with no arguments: runs of Python whitespace separate tokens; no empty tokens. */
export function pySplit(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isPyWhitespace(s.charCodeAt(i))) {
      if (start >= 0) {
        out.push(s.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/** Python `s.rstrip()`: removes trailing Python whitespace. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Python `s.strip()`: removes leading and trailing Python whitespace. */
export function pyStrip(s: string): string {
  let start = 0;
  while (start < s.length && isPyWhitespace(s.charCodeAt(start))) start++;
  return pyRstrip(start === 0 ? s : s.slice(start));
}

/** Python `''.join(s.split())`: the string with every Python whitespace character removed. */
export function removePyWhitespace(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (isPyWhitespace(s.charCodeAt(i))) return pySplit(s).join('');
  }
  return s;
}
