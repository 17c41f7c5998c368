// The page's detection for the command line: the first records of a file are sampled, detectFormat proposes the
// same mapping the mapping screen would, and the row mapper turns records into rows. `score`, `perplexity` and
// `judge` use it when no field flags are given and the file is not in their plain shape; `inspect` always does.
import { detectFormat } from '../lib/dataset/detect-format';
import { createRowMapper } from '../lib/dataset/row-mapper';
import type { FieldMapping, FormatDetection } from '../lib/dataset/types';
import type { LineError, Row } from '../lib/core/types';
import { entryBatches, type InputFile, type InputProblem } from './input';

/** Records sampled for detection, as on the page. */
export const SAMPLE_RECORDS = 200;

/** The first records of a file (fewer when it is shorter). */
export async function sampleRecords(input: InputFile, n = SAMPLE_RECORDS): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const batch of entryBatches(input)) {
    for (const e of batch) if (e.kind === 'record' && out.length < n) out.push(e.value);
    if (out.length >= n) break;
  }
  return out;
}

/** Detects the format of a file from its first records, as the mapping screen does. */
export async function detectInput(input: InputFile, defaultSystemName?: string): Promise<FormatDetection> {
  const sample = await sampleRecords(input);
  return detectFormat(sample, defaultSystemName ? { defaultSystemName } : {});
}

/** A mapper LineError as a CLI problem ("Line 3, field "x": reason." → reason). */
export function problemOfMapped(e: LineError): InputProblem {
  const reason = e.message.replace(/^(?:Line|Element) \d+(?:, field "[^"]*")?: /, '').replace(/\.$/, '');
  return { line: e.line, field: e.field, reason };
}

/** Rows of a file under a mapping, a chunk at a time, with the problems (errors and warnings) of each chunk. */
export async function* mappedRowBatches(
  input: InputFile,
  mapping: FieldMapping,
): AsyncGenerator<{ rows: Row[]; problems: InputProblem[]; warnings: InputProblem[] }> {
  const mapper = createRowMapper(mapping);
  for await (const entries of entryBatches(input)) {
    const problems: InputProblem[] = [];
    const records: { line: number; value: unknown }[] = [];
    for (const e of entries) {
      if (e.kind === 'problem') problems.push({ line: e.line, field: e.field, reason: e.reason });
      else records.push({ line: e.line, value: e.value });
    }
    const mapped = mapper.push(records);
    yield split(mapped.rows, mapped.errors, problems);
  }
  const tail = mapper.finish();
  yield split(tail.rows, tail.errors, []);
}

function split(rows: Row[], errors: LineError[], problems: InputProblem[]) {
  const warnings: InputProblem[] = [];
  for (const e of errors) (e.severity === 'warning' ? warnings : problems).push(problemOfMapped(e));
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, warnings };
}

/** The field paths a mapping reads for each role, as `inspect` prints them ("" where none). */
export function rolesOf(m: FieldMapping): { prompt: string; response: string; reference: string } {
  const conv = m.conversation;
  const prompt = [...m.prompt, ...(conv ? [`${conv.field} (turns before the last assistant turn)`] : [])];
  const response = [
    ...m.responses.map((r) => (r.systemField ? `${r.field} (system from ${r.systemField})` : r.field)),
    ...(m.responsesObject ? [`${m.responsesObject}.*`] : []),
    ...(conv?.lastAssistantAs === 'response' ? [`${conv.field} (last assistant turn)`] : []),
    ...(m.long ? [`${m.long.responseField} (system from ${m.long.systemField})`] : []),
    ...(m.choiceScores ? [`the choice with the highest ${m.choiceScores.field}`] : []),
  ];
  const reference = [
    ...m.references,
    ...(conv?.lastAssistantAs === 'reference' ? [`${conv.field} (last assistant turn)`] : []),
    ...(m.label && m.choices.length > 0 ? [`${m.label} (gold choice of ${m.choices.join(', ')})`] : []),
  ];
  return { prompt: prompt.join(' + '), response: response.join(', '), reference: reference.join(', ') };
}

/**
 * The systems a mapping names up front (responses with fixed names, the conversation's, the choice scores'); a
 * system named per row (arena columns, long format) is known only once rows are read, so the sample is mapped.
 */
export function systemsOf(m: FieldMapping, sample: readonly unknown[] = []): string[] {
  const named = [
    ...m.responses.filter((r) => !r.systemField).map((r) => r.system),
    ...(m.conversation?.lastAssistantAs === 'response' ? [m.conversation.system] : []),
    ...(m.choiceScores ? [m.choiceScores.system] : []),
  ];
  if (named.length > 0 || sample.length === 0) return named;
  const mapper = createRowMapper(m);
  mapper.push(sample.map((value, i) => ({ line: i + 1, value })));
  mapper.finish();
  return mapper.systems().map((s) => s.name);
}
