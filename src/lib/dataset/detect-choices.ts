// Multiple-choice detection helpers: option columns (A/B/C/D) and how the gold label is written.
import type { FieldStats } from './field-roles';
import { isTextField } from './field-roles';
import { getPath } from './paths';
import type { LabelEncoding } from './types';
import { asChoices, asText, decodeLabel } from './values';

/** Single-letter option columns `A`, `B`, `C`… (consecutive from A), as in MMLU-style CSV files. */
export function letterColumns(stats: Map<string, FieldStats>): FieldStats[] {
  const out: FieldStats[] = [];
  for (let c = 65; c <= 90; c++) {
    const letter = String.fromCharCode(c);
    const s = [...stats.values()].find((f) => f.key.trim().toUpperCase() === letter && isTextField(f));
    if (!s) break;
    out.push(s);
  }
  return out;
}

/** Reads a sample record's choices the way the mapper will (one list field, or one field per option). */
function sampleChoices(o: Record<string, unknown>, paths: readonly string[]): string[] | null {
  if (paths.length === 1 && paths[0] !== undefined) return asChoices(getPath(o, paths[0]));
  const opts = paths.map((p) => asText(getPath(o, p)) ?? '');
  while (opts.length > 0 && opts[opts.length - 1]?.trim() === '') opts.pop();
  return opts;
}

/** Picks the label encoding that explains every sampled label, with a note when it had to guess. */
export function detectLabelEncoding(
  objects: readonly Record<string, unknown>[],
  labelPath: string,
  choicePaths: readonly string[],
): { encoding: LabelEncoding; note?: string } {
  const pairs: { raw: unknown; choices: string[] }[] = [];
  for (const o of objects) {
    const raw = getPath(o, labelPath);
    const choices = sampleChoices(o, choicePaths);
    if (raw !== undefined && raw !== null && raw !== '' && choices) pairs.push({ raw, choices });
  }
  if (pairs.length === 0) return { encoding: 'auto' };
  const all = (enc: LabelEncoding) => pairs.every((p) => decodeLabel(p.raw, p.choices, enc) !== null);
  const numeric = pairs.every((p) => /^\d+$/.test(asText(p.raw)?.trim() ?? ''));
  if (numeric) {
    const values = pairs.map((p) => Number(asText(p.raw)));
    if (values.includes(0) && all('index')) return { encoding: 'index' };
    if (pairs.some((p) => Number(asText(p.raw)) === p.choices.length) && all('index1'))
      return { encoding: 'index1' };
    if (all('index')) {
      return {
        encoding: 'index',
        note: 'The answers are read as 0-based indices; switch to 1-based if they count from 1.',
      };
    }
  }
  if (all('letter')) return { encoding: 'letter' };
  if (all('text')) return { encoding: 'text' };
  return {
    encoding: 'auto',
    note: 'The answers mix indices, letters and option texts; each is read as best it can be.',
  };
}
