// G-Eval probability-weighted score (Liu et al. 2023, arXiv 2303.16634): E[score] = Σ k·p(k), with p(k) the
// renormalised probability of the score token k among the top logprobs at the position where the score was
// written (JUDGE-NOTES §1.4). Only computed where the provider returned logprobs; never a silent fallback.
import type { TokenLogprob } from './types';

/** A weighted score with the diagnostics needed to trust it. */
export interface WeightedScore {
  /** Σ k·p(k) over the renormalised score-token probabilities. */
  weighted: number;
  /** Probability mass on score tokens before renormalising; below 0.5 the result is flagged. */
  mass: number;
  argmax: number;
  /** Shannon entropy of the renormalised distribution, in nats. */
  entropy: number;
  lowMass: boolean;
}

function asScore(token: string, scale: { min: number; max: number }): number | null {
  const t = token.trim();
  if (!/^\d+$/.test(t)) return null;
  const k = Number(t);
  return k >= scale.min && k <= scale.max ? k : null;
}

/** The position of the emitted score: the last token equal to the parsed score that is not a denominator
 *  ("4/5": the 5 follows a slash). */
function scorePosition(tokens: readonly TokenLogprob[], score: number): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const tok = tokens[i];
    if (!tok || tok.token.trim() !== String(score)) continue;
    const prev = tokens[i - 1]?.token.trim() ?? '';
    if (prev.endsWith('/') || prev.toLowerCase() === 'of') continue;
    return i;
  }
  return -1;
}

/** Probability-weighted score at the score position, or null when the logprobs do not cover it. */
export function weightedScore(
  tokens: readonly TokenLogprob[],
  parsedScore: number,
  scale: { min: number; max: number },
): WeightedScore | null {
  const pos = scorePosition(tokens, parsedScore);
  const at = tokens[pos];
  if (!at) return null;
  const p = new Map<number, number>();
  // The emitted token itself counts even if the provider left it out of the top list.
  const alternatives = at.top.some((a) => a.token.trim() === at.token.trim())
    ? at.top
    : [{ token: at.token, logprob: at.logprob }, ...at.top];
  for (const alt of alternatives) {
    const k = asScore(alt.token, scale);
    if (k !== null) p.set(k, (p.get(k) ?? 0) + Math.exp(alt.logprob));
  }
  const mass = [...p.values()].reduce((a, b) => a + b, 0);
  if (mass <= 0) return null;
  let weighted = 0;
  let entropy = 0;
  let argmax = parsedScore;
  let best = -1;
  for (const [k, pk] of p) {
    const q = pk / mass;
    weighted += k * q;
    if (q > 0) entropy -= q * Math.log(q);
    if (q > best) {
      best = q;
      argmax = k;
    }
  }
  return { weighted, mass: Math.min(mass, 1), argmax, entropy, lowMass: mass < 0.5 };
}
