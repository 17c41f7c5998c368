// Keyboard maps of the annotation screens, as pure functions so they are tested without a browser.
import { PAIRWISE_KEYS, type LikertDimension } from '../../ratings/session';
import type { LikertScale } from '../../ratings/likert';
import type { PairwiseChoice } from '../../ratings/types';

/** What a key does on the pairwise screen. */
export type PairwiseKeyAction =
  { type: 'choose'; choice: PairwiseChoice } | { type: 'undo' | 'flag' | 'note' | 'diff' };

/** The action of a key on the pairwise screen, or null. */
export function pairwiseKeyAction(key: string): PairwiseKeyAction | null {
  const k = key.toLowerCase();
  for (const choice of ['A', 'B', 'tie', 'both-bad', 'skip'] as const)
    if (PAIRWISE_KEYS[choice] === k) return { type: 'choose', choice };
  if (k === PAIRWISE_KEYS.undo) return { type: 'undo' };
  if (k === PAIRWISE_KEYS.flag) return { type: 'flag' };
  if (k === PAIRWISE_KEYS.note) return { type: 'note' };
  if (k === PAIRWISE_KEYS.diff) return { type: 'diff' };
  return null;
}

/** What a key does on the Likert screen. */
export type LikertKeyAction =
  | { type: 'score'; score: number }
  | { type: 'dimension'; index: number }
  | { type: 'next-response' }
  | { type: 'submit' | 'skip' | 'undo' | 'flag' | 'note' };

/** The action of a key on the Likert screen, or null. */
export function likertKeyAction(
  key: string,
  dimensions: readonly LikertDimension[],
  scale: LikertScale,
): LikertKeyAction | null {
  if (key === 'Enter') return { type: 'submit' };
  if (key === 'Tab') return { type: 'next-response' };
  if (/^[0-9]$/.test(key)) {
    const score = Number(key);
    return score >= scale.min && score <= scale.max ? { type: 'score', score } : null;
  }
  const k = key.toLowerCase();
  const index = dimensions.findIndex((d) => d.key.toLowerCase() === k);
  if (index >= 0) return { type: 'dimension', index };
  if (k === 's') return { type: 'skip' };
  if (k === 'u') return { type: 'undo' };
  if (k === 'f') return { type: 'flag' };
  if (k === 'n') return { type: 'note' };
  return null;
}

/** True when a key event belongs to a text field (typing a comment must not trigger shortcuts). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = el?.tagName?.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el?.isContentEditable === true;
}
