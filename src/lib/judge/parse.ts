// Tolerant parsing of judge answers (JUDGE-NOTES §3.6). Structured JSON first, then explicit markers, where the
// LAST match wins because judges quote the scale ("from 1 to 5") before they give their score (Arena-Hard
// get_score does the same). Out of range, NaN or nothing found is a failure: never a default score.
import { extractJsonObject } from './json-repair';
import type { ParsedScore, ParsedVerdict, PositionVerdict } from './types';

type Via = 'brackets' | 'result' | 'label' | 'fraction';
interface Hit {
  end: number;
  value: number;
  via: Via;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
// MT-Bench `\[\[(\d+\.?\d*)\]\]`; Prometheus `[RESULT] N` (also [SCORE]); "Score: N", "Rating = N", "**Score:** N".
const SCORE_PATTERNS: { re: RegExp; via: Via }[] = [
  { re: new RegExp(String.raw`\[\[\s*${NUM}\s*\]\]`, 'g'), via: 'brackets' },
  { re: new RegExp(String.raw`\[(?:RESULT|SCORE)\]\s*[(\[]?\s*${NUM}`, 'gi'), via: 'result' },
  {
    re: new RegExp(
      String.raw`\b(?:final\s+)?(?:score|rating)\**\s*(?:[:=]|\bof\b|\bis\b)\s*\**\s*[(\[]?\s*${NUM}`,
      'gi',
    ),
    via: 'label',
  },
  { re: new RegExp(String.raw`(?<![\d.])${NUM}\s*(?:\/|out of)\s*(\d+)\b`, 'gi'), via: 'fraction' },
];
// MT-Bench's backup `\[(\d+\.?\d*)\]`, used only when no explicit marker matched (citations look the same).
const BACKUP = new RegExp(String.raw`\[\s*${NUM}\s*\]`, 'g');

function collect(text: string, scaleMax: number): Hit[] {
  const hits: Hit[] = [];
  for (const { re, via } of SCORE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      // A fraction counts only over the rubric's own maximum ("4/5" on a 1–5 scale), not "3/4 of the steps".
      if (via === 'fraction' && Number(m[2]) !== scaleMax) continue;
      hits.push({ end: (m.index ?? 0) + m[0].length, value: Number(m[1]), via });
    }
  }
  return hits;
}

function inRange(x: number, scale: { min: number; max: number }): boolean {
  return Number.isFinite(x) && x >= scale.min && x <= scale.max;
}

function jsonScore(obj: Record<string, unknown>): unknown {
  for (const k of ['score', 'rating', 'Score', 'Rating', 'result', 'grade']) if (k in obj) return obj[k];
  return undefined;
}

/** Parses a 1–N score from a judge answer. `raw` is kept by the caller whatever the outcome. */
export function parseScore(text: string, scale: { min: number; max: number }): ParsedScore {
  const obj = extractJsonObject(text);
  if (obj) {
    const v = jsonScore(obj);
    if (v !== undefined) {
      const n =
        typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n))
        return { ok: false, reason: `JSON score is not a number: ${JSON.stringify(v)}` };
      if (!inRange(n, scale))
        return { ok: false, reason: `JSON score ${n} is outside ${scale.min}–${scale.max}` };
      return { ok: true, score: n, via: 'json' };
    }
  }
  let hits = collect(text, scale.max);
  if (hits.length === 0) {
    hits = [...text.matchAll(BACKUP)].map((m) => ({
      end: (m.index ?? 0) + m[0].length,
      value: Number(m[1]),
      via: 'brackets' as const,
    }));
  }
  if (hits.length === 0) return { ok: false, reason: 'No score found in the answer' };
  // Last match wins; on a tie of end positions ("Score: 4/5") prefer the explicit label over the fraction.
  const last = hits.reduce((a, b) => (b.end > a.end || (b.end === a.end && a.via === 'fraction') ? b : a));
  if (!inRange(last.value, scale))
    return { ok: false, reason: `Score ${last.value} is outside ${scale.min}–${scale.max}` };
  return { ok: true, score: last.value, via: last.via };
}

const LABEL = String.raw`(A>>B|A>B|A=B|B>A|B>>A|A|B|C|tie)`;
const VERDICT_PATTERNS = [
  new RegExp(String.raw`\[\[\s*${LABEL}\s*\]\]`, 'gi'),
  new RegExp(String.raw`\[RESULT\]\s*[(\[]?\s*(?:Response\s+)?${LABEL}\b`, 'gi'),
  new RegExp(String.raw`\b(?:final\s+)?verdict\**\s*[:=]\s*\**\s*[(\[]?\s*${LABEL}\b`, 'gi'),
];
const VERDICT_BACKUP = new RegExp(String.raw`\[\s*${LABEL}\s*\]`, 'gi');

/** Maps MT-Bench and Arena-Hard labels to a position verdict: C and A=B are ties, strength is dropped. */
export function normaliseLabel(label: string): PositionVerdict | null {
  const l = label.trim().toUpperCase();
  if (l === 'A' || l === 'A>B' || l === 'A>>B') return 'A';
  if (l === 'B' || l === 'B>A' || l === 'B>>A') return 'B';
  if (l === 'C' || l === 'TIE' || l === 'A=B') return 'tie';
  return null;
}

/** Parses a pairwise verdict (A, B or tie) from a judge answer. */
export function parseVerdict(text: string): ParsedVerdict {
  const obj = extractJsonObject(text);
  if (obj && 'verdict' in obj) {
    const v = obj.verdict;
    const mapped = typeof v === 'string' ? normaliseLabel(v) : null;
    return mapped
      ? { ok: true, verdict: mapped }
      : { ok: false, reason: `JSON verdict is not A, B or tie: ${JSON.stringify(v)}` };
  }
  let best: { end: number; label: string } | null = null;
  const scan = (re: RegExp) => {
    for (const m of text.matchAll(re)) {
      const end = (m.index ?? 0) + m[0].length;
      if (!best || end > best.end) best = { end, label: m[1] ?? '' };
    }
  };
  VERDICT_PATTERNS.forEach(scan);
  if (!best) scan(VERDICT_BACKUP);
  const found = best as { end: number; label: string } | null;
  if (!found) return { ok: false, reason: 'No verdict ([[A]], [[B]] or [[C]]) found in the answer' };
  const verdict = normaliseLabel(found.label);
  return verdict ? { ok: true, verdict } : { ok: false, reason: `Unknown verdict ${found.label}` };
}

/** The judge's reasoning for display: the JSON feedback when there is one, else the whole answer. */
export function reasoningOf(text: string): string {
  const obj = extractJsonObject(text);
  const fb = obj?.feedback ?? obj?.reasoning ?? obj?.explanation;
  return typeof fb === 'string' ? fb : text.trim();
}
