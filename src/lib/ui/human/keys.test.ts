import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, DEFAULT_SCALE } from '../../ratings/session';
import { isTyping, likertKeyAction, pairwiseKeyAction } from './keys';

describe('pairwise keys', () => {
  it('maps every shown key to its action', () => {
    expect(pairwiseKeyAction('a')).toEqual({ type: 'choose', choice: 'A' });
    expect(pairwiseKeyAction('B')).toEqual({ type: 'choose', choice: 'B' });
    expect(pairwiseKeyAction('t')).toEqual({ type: 'choose', choice: 'tie' });
    expect(pairwiseKeyAction('x')).toEqual({ type: 'choose', choice: 'both-bad' });
    expect(pairwiseKeyAction('s')).toEqual({ type: 'choose', choice: 'skip' });
    expect(pairwiseKeyAction('u')).toEqual({ type: 'undo' });
    expect(pairwiseKeyAction('q')).toBeNull();
  });
});

describe('Likert keys', () => {
  it('digits score within the scale; dimension keys select; Enter submits', () => {
    expect(likertKeyAction('4', DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toEqual({ type: 'score', score: 4 });
    expect(likertKeyAction('0', DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toBeNull();
    expect(likertKeyAction('6', DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toBeNull();
    expect(likertKeyAction('c', DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toEqual({ type: 'dimension', index: 1 });
    expect(likertKeyAction('Enter', DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toEqual({ type: 'submit' });
    expect(likertKeyAction('s', DEFAULT_DIMENSIONS, DEFAULT_SCALE)).toEqual({ type: 'skip' });
  });
  it('text fields swallow shortcuts', () => {
    expect(isTyping({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'BODY' } as unknown as EventTarget)).toBe(false);
  });
});
