// Format detection: looks at the field names and value shapes of a sample of records and proposes a FieldMapping.
// The proposal is only a starting point; the mapping screen lets the user change every field.
import type { DetectedFormat } from '../core/types';
import { isObject } from './paths';
import {
  CHOICE_NAMES,
  fieldStats,
  findField,
  ID_NAMES,
  isTextField,
  LABEL_NAMES,
  NOT_RESPONSE_NAMES,
  OUTPUTS_OBJECT_NAMES,
  PROMPT_NAMES,
  REFERENCE_NAMES,
  RESPONSE_NAMES,
  SYSTEM_COLUMN_NAMES,
  SYSTEM_NAMES,
  TAG_NAMES,
  type FieldStats,
} from './field-roles';
import { detectLabelEncoding, letterColumns } from './detect-choices';
import { detectPeerFormat } from './detect-peers';
import { mappedPaths, mapRecord } from './map-record';
import type { FieldMapping, FormatDetection } from './types';

/** Options of `detectFormat`. */
export interface DetectOptions {
  /** Name for the one system of a single-response file (e.g. from the file name). Default `model`. */
  defaultSystemName?: string;
}

/** A mapping that maps nothing (every field goes to metadata). */
export function emptyMapping(format: DetectedFormat = 'unknown'): FieldMapping {
  return { format, prompt: [], responses: [], references: [], choices: [], labelEncoding: 'auto', tags: [] };
}

const PREFIXED =
  /^(?:response|output|completion|prediction|generation|generated|answer|pred|hyp)[_\-\s.]+(.+)$/i;
const SUFFIXED = /^(.+?)[_\-\s.]+(?:response|output|completion|prediction|generation|answer|pred)s?$/i;

/** Proposes a format and field mapping from sample records (the first few hundred are plenty). */
export function detectFormat(samples: readonly unknown[], options: DetectOptions = {}): FormatDetection {
  const objects = samples.filter(isObject);
  const notes: string[] = [];
  if (objects.length === 0) {
    notes.push('No JSON objects in the sample: nothing to map.');
    return { format: 'unknown', mapping: emptyMapping(), confidence: 0, notes };
  }
  if (objects.length < samples.length)
    notes.push(`${samples.length - objects.length} sampled records are not objects.`);
  const stats = fieldStats(objects);
  const byKey = (k: string) => stats.get(k);
  const taken = new Set<string>();
  const take = (s: FieldStats) => (taken.add(s.key), s.key);
  const m = emptyMapping();
  const model = options.defaultSystemName ?? 'model';
  const has = (names: string[]) => findField(stats, names, () => true, taken);

  // Yardstick's own export: {id, prompt, references[], responses{}, tags[], metadata{}}.
  const resp = byKey('responses');
  if (byKey('prompt') && resp && resp.objects > 0 && byKey('references')) {
    m.format = 'yardstick-rows';
    m.prompt = ['prompt'];
    m.responsesObject = 'responses';
    m.references = ['references'];
    if (byKey('id')) m.id = 'id';
    if (byKey('tags')) m.tags = ['tags'];
    if (byKey('choices')) m.choices = ['choices'];
    if (byKey('label')) m.label = 'label';
    m.labelEncoding = 'index';
    if (byKey('metadata')) m.metadataObject = 'metadata';
    return finish(m, objects, stats, notes, ['prompt']);
  }

  const peer = detectPeerFormat(objects, stats, model);
  if (peer) return finish(peer.mapping, objects, stats, [...notes, ...peer.notes], peer.signature);

  const idField = findField(stats, ID_NAMES, isTextField);
  for (const s of stats.values())
    if (TAG_NAMES.includes(s.norm) && (isTextField(s) || s.arrays > 0)) m.tags.push(take(s));

  // Chat transcripts: OpenAI {messages: [{role, content}]} or ShareGPT {conversations: [{from, value}]}.
  const conv = [...stats.values()].find(
    (s) => s.turnArrays > 0 && s.turnArrays >= s.present * 0.8 && !PROMPT_NAMES.includes(s.norm),
  );
  const systemField = findField(stats, SYSTEM_NAMES, isTextField);
  const namedResponses = [...stats.values()].filter((s) => RESPONSE_NAMES.includes(s.norm) && isTextField(s));

  // Multiple choice: a list of options (or A/B/C/D columns) and a gold label.
  const choiceField = findField(
    stats,
    CHOICE_NAMES,
    (s) => s.arrays + s.objects >= s.present * 0.8 && s.present > 0,
  );
  const letters = choiceField ? [] : letterColumns(stats);

  if (idField) m.id = take(idField);
  if (conv) {
    take(conv);
    const first = objects.map((o) => o[conv.key]).find((v) => Array.isArray(v) && v.length > 0) as
      unknown[] | undefined;
    const sharegpt =
      first !== undefined && typeof first[0] === 'object' && first[0] !== null && 'from' in first[0];
    m.format = sharegpt ? 'sharegpt' : 'openai-chat';
    const asRef = namedResponses.length > 0;
    m.conversation = { field: conv.key, lastAssistantAs: asRef ? 'reference' : 'response', system: model };
    notes.push(
      asRef
        ? `The last assistant turn of "${conv.key}" is used as the reference (the file has a separate response field).`
        : `The last assistant turn of "${conv.key}" is the response of "${model}"; the turns before it are the prompt.`,
    );
  } else {
    pickPrompt(stats, m, take, taken, notes);
  }

  if (choiceField || letters.length >= 2) {
    m.format = 'multiple-choice';
    m.choices = choiceField ? [take(choiceField)] : letters.map((s) => take(s));
    const label = findField(stats, LABEL_NAMES, (s) => isTextField(s), taken);
    if (label) {
      m.label = take(label);
      const enc = detectLabelEncoding(objects, m.label, m.choices);
      m.labelEncoding = enc.encoding;
      if (enc.note) notes.push(enc.note);
    } else notes.push('No answer field found: map the gold label to score accuracy.');
  }

  const ref = m.conversation?.lastAssistantAs === 'reference' ? undefined : has(REFERENCE_NAMES);
  if (ref && (isTextField(ref) || ref.arrays > 0)) m.references.push(take(ref));

  // Long format: one record per prompt × system, named by a `model`/`system`/`generator` column.
  const longResponse = namedResponses.find((s) => !taken.has(s.key));
  const promptStats = m.prompt[0] !== undefined ? byKey(m.prompt[0]) : undefined;
  const repeats = (s: FieldStats | undefined) => s !== undefined && s.distinct < s.present;
  if (
    !m.conversation &&
    systemField &&
    systemField.distinct >= 2 &&
    longResponse &&
    (repeats(promptStats) || repeats(idField))
  ) {
    m.format = 'long';
    m.long = {
      systemField: take(systemField),
      responseField: take(longResponse),
      groupBy: idField && repeats(idField) ? 'id' : 'prompt',
    };
    notes.push(
      `Long format: records are grouped by ${m.long.groupBy} and "${systemField.key}" names the system.`,
    );
    return finish(m, objects, stats, notes, [...m.prompt, longResponse.key]);
  }

  addResponses(stats, m, take, taken, model, systemField, notes);
  if (!m.conversation && m.format === 'unknown') {
    if (m.responsesObject) m.format = 'outputs-object';
    else if (m.responses.length >= 2) m.format = 'wide-multi-system';
    else if (byKey('instruction') && m.prompt[0] === 'instruction') m.format = 'alpaca';
    else if (m.prompt.length > 0) m.format = 'generic';
  }
  const signature = [...m.prompt.slice(0, 1), ...(m.conversation ? [m.conversation.field] : [])];
  return finish(m, objects, stats, notes, signature);
}

function pickPrompt(
  stats: Map<string, FieldStats>,
  m: FieldMapping,
  take: (s: FieldStats) => string,
  taken: Set<string>,
  notes: string[],
): void {
  const promptLike = (s: FieldStats) => isTextField(s) || s.turnArrays > 0;
  const instruction = findField(stats, ['instruction'], promptLike, taken);
  if (instruction) {
    m.prompt.push(take(instruction));
    const input = findField(stats, ['input', 'context'], isTextField, taken);
    if (input) m.prompt.push(take(input));
    return;
  }
  const question = findField(stats, ['question', 'query', 'problem'], promptLike, taken);
  const passage = findField(stats, ['context', 'passage', 'article', 'document'], isTextField, taken);
  if (question && passage) {
    m.prompt.push(take(passage), take(question));
    notes.push(`The prompt is "${passage.key}" followed by "${question.key}".`);
    return;
  }
  const p = findField(stats, PROMPT_NAMES, promptLike, taken);
  if (p) {
    m.prompt.push(take(p));
    if (p.turnArrays > 0) {
      m.format = 'openai-chat';
      notes.push(`"${p.key}" is a list of chat turns; it is shown as a transcript.`);
    }
  } else notes.push('No prompt field found: choose one in the mapping.');
}

function addResponses(
  stats: Map<string, FieldStats>,
  m: FieldMapping,
  take: (s: FieldStats) => string,
  taken: Set<string>,
  model: string,
  systemField: FieldStats | undefined,
  notes: string[],
): void {
  const outputs = findField(
    stats,
    OUTPUTS_OBJECT_NAMES,
    (s) => s.objects >= s.present * 0.8 && s.present > 0,
    taken,
  );
  if (outputs) {
    m.responsesObject = take(outputs);
    notes.push(`Every key of "${outputs.key}" is a system.`);
    return;
  }
  const free = () => [...stats.values()].filter((s) => !taken.has(s.key) && isTextField(s));
  let named = free().filter((s) => RESPONSE_NAMES.includes(s.norm));
  // Alpaca's `output` beside another response field is the gold answer; alone it is a model's output (AlpacaEval).
  const output = named.find((s) => s.norm === 'output');
  if (output && named.length >= 2 && m.references.length === 0) {
    m.references.push(take(output));
    named = named.filter((s) => s !== output);
    notes.push(`"${output.key}" is read as the reference, since the file has another response field.`);
  }
  if (named.length === 1 && named[0]) {
    const s = named[0];
    const r = { system: model, field: take(s) };
    if (systemField && !taken.has(systemField.key)) {
      m.responses.push({ ...r, systemField: take(systemField) });
      notes.push(`The system is named by "${systemField.key}" on each row.`);
    } else m.responses.push(r);
    return;
  }
  for (const s of named) m.responses.push({ system: s.key, field: take(s) });
  for (const s of free()) {
    const system = (PREFIXED.exec(s.key) ?? SUFFIXED.exec(s.key))?.[1];
    if (!system || REFERENCE_NAMES.includes(s.norm)) continue;
    // Arena-style pairs name each response's model in a sibling column (`model_a` beside `response_a`).
    const sys = system.toLowerCase();
    const pair = ['model_', 'system_', 'name_', 'generator_']
      .map((p) => p + sys)
      .concat([`${sys}_model`, `${sys}_name`]);
    const nameField = [...stats.values()].find((f) => pair.includes(f.key.toLowerCase()) && isTextField(f));
    if (nameField && nameField.distinct <= 1 && nameField.example !== undefined) {
      m.responses.push({ system: nameField.example, field: take(s) });
      take(nameField);
    } else if (nameField) {
      m.responses.push({ system, field: take(s), systemField: take(nameField) });
      notes.push(`System names vary per row ("${nameField.key}"), as in arena-style battles.`);
    } else m.responses.push({ system, field: take(s) });
  }
  if (m.responses.length > 0) return;
  // Columns named like systems (`base`, `finetuned`), or else several long free-text columns, are outputs.
  const systemCols = free().filter((s) => SYSTEM_COLUMN_NAMES.includes(s.norm));
  const longCols = free().filter(
    (s) =>
      s.strings > 0 &&
      s.meanLength >= 40 &&
      s.distinct >= s.present * 0.5 &&
      !NOT_RESPONSE_NAMES.includes(s.norm),
  );
  const cols = systemCols.length > 0 ? systemCols : longCols.length >= 2 ? longCols : [];
  for (const s of cols) m.responses.push({ system: s.key, field: take(s) });
  if (cols.length > 0)
    notes.push(`Columns ${cols.map((s) => `"${s.key}"`).join(', ')} are read as the outputs of systems.`);
}

/**
 * Confidence is the share of sampled records that map to a row under the proposed mapping (no error that drops the
 * record), capped by how many carry the format's signature fields: a format whose records all fail is never "100%".
 */
function finish(
  m: FieldMapping,
  objects: readonly Record<string, unknown>[],
  stats: Map<string, FieldStats>,
  notes: string[],
  signature: readonly string[],
): FormatDetection {
  const total = objects.length;
  const coverage = signature.map((k) => (stats.get(k)?.present ?? 0) / total);
  if (m.format === 'unknown') return { format: m.format, mapping: m, confidence: 0, notes };
  const check = mappingCheck(m, objects);
  const confidence = Math.min(1, check.share, ...coverage);
  if (check.share === 0 && check.reason) notes.push(check.reason);
  else if (confidence < 1)
    notes.push(
      `${Math.round((1 - confidence) * 100)}% of sampled records lack a mapped field or do not map.`,
    );
  return { format: m.format, mapping: m, confidence, notes };
}

/** How many sampled records map under `m`, and when none does, one sentence saying why and what to change. */
export function mappingCheck(
  m: FieldMapping,
  objects: readonly unknown[],
): { share: number; reason: string | null } {
  if (objects.length === 0) return { share: 0, reason: null };
  const paths = mappedPaths(m);
  let mapped = 0;
  let firstError: string | null = null;
  objects.forEach((o, i) => {
    const { row, errors } = mapRecord(m, o, i + 1, paths);
    if (row) mapped++;
    else firstError ??= errors.find((e) => e.severity !== 'warning')?.message ?? null;
  });
  if (mapped > 0) return { share: mapped / objects.length, reason: null };
  return { share: 0, reason: zeroRowsReason(m, firstError) };
}

/** "No record maps: <the first record's problem>. <what to change>." */
export function zeroRowsReason(m: FieldMapping, firstError: string | null): string {
  const why = firstError ? firstError.replace(/^Line \d+, /, '').replace(/\.$/, '') : 'nothing is mapped';
  const field = /field "([^"]+)"/.exec(firstError ?? '')?.[1];
  const fix =
    m.prompt.length === 0 && !m.conversation
      ? 'choose the prompt field in the mapping'
      : field
        ? `choose another field than "${field}", or a path into it (such as ${field}.0 or ${field}.text)`
        : 'choose the prompt and response fields in the mapping';
  return `No sampled record maps to a row (${why}): ${fix}.`;
}
