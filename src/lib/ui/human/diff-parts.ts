// Word-level diff of response A against B (jsdiff `diffWords`), split per side so each column marks its own words.
import { diffWords } from 'diff';

/** A run of text, marked when it differs from the other side. */
export interface DiffPart {
  text: string;
  changed: boolean;
}

/** The parts of each side: A shows shared and removed words, B shared and added words. */
export function diffSides(a: string, b: string): { left: DiffPart[]; right: DiffPart[] } {
  const left: DiffPart[] = [];
  const right: DiffPart[] = [];
  for (const c of diffWords(a, b)) {
    if (c.added) right.push({ text: c.value, changed: true });
    else if (c.removed) left.push({ text: c.value, changed: true });
    else {
      left.push({ text: c.value, changed: false });
      right.push({ text: c.value, changed: false });
    }
  }
  return { left, right };
}
