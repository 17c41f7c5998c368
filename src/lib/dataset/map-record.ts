// Turns one parsed record into row fields under a FieldMapping, collecting every problem as a LineError
// (errors drop the record, warnings keep it). Ids, duplicates and row positions are the mapper's job.
import type { LineError } from '../core/types';
import { looksLikeTurns, parseTurns, renderPrompt, splitLastAssistant } from './conversation';
import { fieldError, isFatal, recordError } from './line-errors';
import { getPath, isObject, omitPaths } from './paths';
import type { FieldMapping } from './types';
import { asChoices, asText, asTextList, decodeLabel, typeName } from './values';

/** A mapped record before it gets its id and position. */
export interface MappedRecord {
  /** The id read from the record, or null when it has none. */
  id: string | null;
  prompt: string;
  references: string[];
  responses: Record<string, string>;
  /** Where each system's response came from (field path), for SystemInfo.source. */
  sources: Record<string, string>;
  choices?: string[];
  label?: number | string;
  tags: string[];
  metadata: Record<string, unknown>;
}

/** Every field path a mapping reads (these are left out of metadata). */
export function mappedPaths(m: FieldMapping): string[] {
  const paths = [...m.prompt, ...m.references, ...m.choices, ...m.tags];
  for (const r of m.responses) {
    paths.push(r.field);
    if (r.systemField) paths.push(r.systemField);
  }
  for (const p of [
    m.responsesObject,
    m.conversation?.field,
    m.label,
    m.id,
    m.long?.systemField,
    m.long?.responseField,
    m.choiceScores?.field,
  ]) {
    if (p) paths.push(p);
  }
  if (m.metadataObject) paths.push(m.metadataObject);
  return paths;
}

/** Maps one record; `row` is null when an error-level problem means the record is skipped. */
export function mapRecord(
  m: FieldMapping,
  value: unknown,
  line: number,
  paths: readonly string[],
): { row: MappedRecord | null; errors: LineError[] } {
  const errors: LineError[] = [];
  if (!isObject(value)) {
    const msg = `Line ${line}: a row must be a JSON object, but this is ${typeName(value)}.`;
    return { row: null, errors: [recordError(line, 'not-an-object', msg, JSON.stringify(value))] };
  }
  const bad = (
    field: string,
    code: LineError['code'],
    msg: string,
    severity: 'error' | 'warning' = 'error',
  ) => errors.push(fieldError(line, field, code, `Line ${line}, field "${field}": ${msg}`, severity));
  const row: MappedRecord = {
    id: null,
    prompt: '',
    references: [],
    responses: {},
    sources: {},
    tags: [],
    metadata: {},
  };
  const addResponse = (system: string, field: string, v: unknown) => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      bad(
        field,
        'empty-response',
        `empty response for system "${system}"; the row is kept without it.`,
        'warning',
      );
      return;
    }
    const t = asText(v);
    if (t === null) bad(field, 'wrong-type', `the response must be text, but it is ${describe(v)}.`);
    else if (!(system in row.responses)) {
      row.responses[system] = t;
      row.sources[system] = field;
    }
  };

  if (m.id) {
    const v = getPath(value, m.id);
    if (v !== undefined && v !== null && v !== '') {
      const t = typeof v === 'string' || typeof v === 'number' ? String(v) : null;
      if (t === null)
        bad(m.id, 'wrong-type', `the id must be a string or a number, but it is ${typeName(v)}.`);
      else row.id = t;
    }
  }

  const promptParts: string[] = [];
  for (const path of m.prompt) {
    const v = getPath(value, path);
    if (v === undefined || v === null) continue;
    const t = looksLikeTurns(v) ? turnsText(v) : asText(v);
    if (t === null)
      bad(path, 'wrong-type', `the prompt must be text or a list of chat turns, but it is ${describe(v)}.`);
    else if (t.trim() !== '') promptParts.push(t);
  }
  if (m.conversation) {
    const c = m.conversation;
    const v = getPath(value, c.field);
    const turns = v === undefined ? 'is missing' : parseTurns(v);
    if (typeof turns === 'string')
      bad(c.field, v === undefined ? 'missing-field' : 'wrong-type', `the conversation ${turns}.`);
    else {
      const { before, last } = splitLastAssistant(turns);
      if (before.length > 0) promptParts.push(renderPrompt(before));
      if (c.lastAssistantAs === 'reference') {
        if (last !== null && last.trim() !== '') row.references.push(last);
      } else addResponse(c.system, c.field, last);
    }
  }
  row.prompt = promptParts.join('\n\n');
  if (row.prompt === '' && !m.promptOptional && !errors.some(isFatal)) {
    const field = m.prompt[0] ?? m.conversation?.field ?? 'prompt';
    bad(field, 'missing-field', 'the prompt is missing or empty.');
  }

  for (const path of m.references) {
    const v = getPath(value, path);
    const list = asTextList(v);
    if (list === null)
      bad(path, 'wrong-type', `a reference must be text or a list of texts, but it is ${describe(v)}.`);
    else
      for (const whole of list) {
        const parts = m.referenceSeparator ? whole.split(m.referenceSeparator).map((t) => t.trim()) : [whole];
        for (const t of parts)
          if (t.trim() !== '' && !(m.referenceSeparator && row.references.includes(t)))
            row.references.push(t);
      }
  }

  for (const r of m.responses) {
    const named = r.systemField ? asText(getPath(value, r.systemField))?.trim() : undefined;
    addResponse(named || r.system, r.field, getPath(value, r.field));
  }
  if (m.responsesObject) {
    const v = getPath(value, m.responsesObject);
    if (isObject(v))
      for (const [system, text] of Object.entries(v))
        addResponse(system, `${m.responsesObject}.${system}`, text);
    else if (v !== undefined && v !== null) {
      bad(
        m.responsesObject,
        'wrong-type',
        `expected an object of responses by system, but it is ${typeName(v)}.`,
      );
    }
  }

  mapChoices(m, value, row, bad);
  if (m.choiceScores && row.choices) {
    const { field, system } = m.choiceScores;
    const best = argmax(getPath(value, field), row.choices.length);
    if (best === null)
      bad(
        field,
        'wrong-type',
        `expected one number per choice (${row.choices.length}), but it is ${describe(getPath(value, field))}.`,
      );
    else addResponse(system, field, row.choices[best]?.trim());
  }

  for (const path of m.tags) {
    const v = getPath(value, path);
    const list = asTextList(v);
    if (list === null)
      bad(path, 'wrong-type', `tags must be text or a list of texts, but they are ${describe(v)}.`);
    else for (const t of list) if (t.trim() !== '' && !row.tags.includes(t.trim())) row.tags.push(t.trim());
  }

  row.metadata = omitPaths(value, paths);
  if (m.metadataObject) {
    const extra = getPath(value, m.metadataObject);
    if (isObject(extra)) row.metadata = { ...extra, ...row.metadata };
  }
  return { row: errors.some(isFatal) ? null : row, errors };
}

/** The index of the highest of `n` scores (numbers or numeric strings, as lm-eval writes them), or null. */
function argmax(v: unknown, n: number): number | null {
  if (!Array.isArray(v) || v.length !== n || n === 0) return null;
  let best = -1;
  let bestScore = -Infinity;
  for (const [i, x] of v.entries()) {
    const s = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
    if (Number.isNaN(s)) return null;
    if (best === -1 || s > bestScore) [best, bestScore] = [i, s];
  }
  return best;
}

/** A value's type for messages, naming what a list holds (`a list of objects`), so a wrong list says what it was. */
export function describe(v: unknown): string {
  if (!Array.isArray(v)) return typeName(v);
  if (v.length === 0) return 'an empty list';
  const kinds = [...new Set(v.map((x) => typeName(x).replace(/^an? /, '')))];
  const plural = (k: string) => (k === 'list' ? 'lists' : k === 'object' ? 'objects' : `${k}s`);
  return `a list of ${kinds.map(plural).join(' and ')}`;
}

function turnsText(v: unknown): string | null {
  const turns = parseTurns(v);
  return typeof turns === 'string' ? null : renderPrompt(turns);
}

type Bad = (field: string, code: LineError['code'], msg: string, severity?: 'error' | 'warning') => void;

function mapChoices(m: FieldMapping, value: Record<string, unknown>, row: MappedRecord, bad: Bad): void {
  if (m.choices.length === 1 && m.choices[0] !== undefined) {
    const path = m.choices[0];
    const v = getPath(value, path);
    if (v === undefined || v === null) bad(path, 'missing-field', 'the choices are missing.');
    else {
      const c = asChoices(v);
      if (c === null)
        bad(path, 'wrong-type', `choices must be a list of texts, but they are ${describe(v)}.`);
      else row.choices = c;
    }
  } else if (m.choices.length > 1) {
    // One column per option (A, B, C, D); trailing empty options are dropped for rows with fewer choices.
    const opts: string[] = [];
    for (const path of m.choices) {
      const v = getPath(value, path);
      const t = v === undefined || v === null ? '' : asText(v);
      if (t === null) bad(path, 'wrong-type', `an option must be text, but it is ${typeName(v)}.`);
      else opts.push(t);
    }
    while (opts.length > 0 && opts[opts.length - 1]?.trim() === '') opts.pop();
    row.choices = opts;
  }
  if (!m.label) return;
  const raw = getPath(value, m.label);
  if (raw === undefined || raw === null || raw === '') {
    bad(m.label, 'missing-field', 'the gold answer is missing; the row is kept without it.', 'warning');
    return;
  }
  if (!row.choices) {
    const t = typeof raw === 'number' ? raw : asText(raw);
    if (t === null)
      bad(m.label, 'wrong-type', `the label must be text or a number, but it is ${typeName(raw)}.`);
    else row.label = t;
    return;
  }
  const idx = decodeLabel(raw, row.choices, m.labelEncoding);
  if (idx === null) {
    const how = m.labelEncoding === 'auto' ? 'an index, a letter or the text' : `a ${m.labelEncoding}`;
    const shown = JSON.stringify(raw);
    bad(
      m.label,
      'wrong-type',
      `the answer ${shown} is not ${how} of one of the ${row.choices.length} choices.`,
    );
  } else row.label = idx;
}
