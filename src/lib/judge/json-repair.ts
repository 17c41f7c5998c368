// Lenient extraction of a JSON object from a judge's answer: models wrap JSON in code fences, add prose around it,
// leave trailing commas or use single or curly quotes. Each repair is tried only when strict parsing fails.

/** The first balanced {...} object in the text (string-aware), or null. */
function balancedObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

function tryParse(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const REPAIRS: ((s: string) => string)[] = [
  (s) => s.replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'"),
  (s) => s.replace(/,\s*([}\]])/g, '$1'),
  // Single-quoted keys and string values → double-quoted (only when no double quotes are used at all).
  (s) =>
    s.includes('"') ? s : s.replace(/'((?:[^'\\]|\\.)*)'/g, (_, inner: string) => JSON.stringify(inner)),
  // Bare keys: {score: 4} → {"score": 4}.
  (s) => s.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":'),
];

/** Parses the JSON object in a judge answer, repairing common damage; null when there is none. */
export function extractJsonObject(text: string): Record<string, unknown> | null {
  const unfenced = text.replace(/```(?:json)?/gi, '');
  let candidate = balancedObject(unfenced);
  if (candidate === null) return null;
  const direct = tryParse(candidate);
  if (direct) return direct;
  for (const repair of REPAIRS) {
    candidate = repair(candidate);
    const parsed = tryParse(candidate);
    if (parsed) return parsed;
  }
  return null;
}
