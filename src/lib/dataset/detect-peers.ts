// Signatures of files written by the tools our users already run, checked before the generic field-name heuristics:
// each proposes the mapping those tools' users expect. Shapes and their sources: tests/fixtures/formats/README.md.
import type { DetectedFormat } from '../core/types';
import type { FieldStats } from './field-roles';
import { getPath, isObject } from './paths';
import type { FieldMapping } from './types';

/** A peer format's proposal: the mapping, its notes, and the fields a record must have to be of the format. */
export interface PeerProposal {
  format: DetectedFormat;
  mapping: FieldMapping;
  notes: string[];
  signature: string[];
}

type Stats = Map<string, FieldStats>;
type Objects = readonly Record<string, unknown>[];

const base = (format: DetectedFormat): FieldMapping => ({
  format,
  prompt: [],
  responses: [],
  references: [],
  choices: [],
  labelEncoding: 'auto',
  tags: [],
});

/** Share of records where `test` holds. */
const share = (objects: Objects, test: (o: Record<string, unknown>) => boolean): number =>
  objects.length === 0 ? 0 : objects.filter(test).length / objects.length;
const has = (o: Record<string, unknown>, ...keys: string[]) => keys.every((k) => o[k] !== undefined);

// lm-evaluation-harness `--log_samples` (samples_<task>_<date>.jsonl): doc_id, doc, target, arguments, resps,
// filtered_resps, filter, metrics. `arguments` is [[context, continuation|gen_kwargs], ...] in older releases and
// {gen_args_0: {arg_0, arg_1}, ...} in newer ones.
function lmEval(objects: Objects, model: string): PeerProposal | null {
  if (share(objects, (o) => has(o, 'doc_id', 'arguments') && ('filtered_resps' in o || 'resps' in o)) < 0.8)
    return null;
  const first = objects.find((o) => o['arguments'] !== undefined) ?? {};
  const keyed = isObject(first['arguments']);
  const arg = (i: number) => (keyed ? `arg_${i}` : String(i));
  const firstRequest = keyed ? 'arguments.gen_args_0' : 'arguments.0';
  const m = base('lm-eval-samples');
  m.id = 'doc_id';
  m.prompt = [`${firstRequest}.${arg(0)}`];
  m.metadataObject = 'doc';
  const notes: string[] = [];
  const filtered = first['filtered_resps'] ?? first['resps'];
  const respField = 'filtered_resps' in first ? 'filtered_resps' : 'resps';
  const loglikelihood = Array.isArray(filtered) && filtered.length > 0 && filtered.every(Array.isArray);
  if (loglikelihood && Array.isArray(filtered) && filtered.length > 1) {
    // One [log-likelihood, is-greedy] pair per choice: the choices are the continuations, the answer the argmax.
    m.choices = [`arguments.*.${arg(1)}`];
    m.choiceScores = { field: `${respField}.*.0`, system: model };
    m.label = 'target';
    m.labelEncoding = 'auto';
    notes.push(
      `A log-likelihood task: the choices are the continuations in "arguments", "${model}" answers the one with the highest log-likelihood in "${respField}", and "target" is the gold choice.`,
    );
  } else {
    m.responses = [{ system: model, field: loglikelihood ? `${respField}.0.0` : `${respField}.0` }];
    m.references = ['target'];
    notes.push(
      `A generation task: "${respField}" holds the response of "${model}" and "target" the reference.`,
    );
  }
  const filters = new Set(objects.map((o) => o['filter']).filter((f) => typeof f === 'string'));
  if (filters.size > 1) {
    delete m.id;
    notes.push(
      `The file has ${filters.size} filters (${[...filters].join(', ')}); each doc appears once per filter, so rows are numbered by line. Map "doc_id" as the id after keeping one filter.`,
    );
  }
  notes.push('Fields of "doc" are kept as metadata.');
  return { format: m.format, mapping: m, notes, signature: ['doc_id', 'arguments'] };
}

// FastChat llm_judge `data/mt_bench/question.jsonl`: {question_id, category, turns: [str, str], reference?: [str]}.
function mtBenchQuestions(objects: Objects): PeerProposal | null {
  const isQuestion = (o: Record<string, unknown>) =>
    has(o, 'question_id', 'turns') &&
    Array.isArray(o['turns']) &&
    (o['turns'] as unknown[]).every((t) => typeof t === 'string');
  if (share(objects, isQuestion) < 0.8) return null;
  const m = base('mt-bench-questions');
  m.id = 'question_id';
  m.prompt = ['turns.0'];
  if (objects.some((o) => o['category'] !== undefined)) m.tags = ['category'];
  if (objects.some((o) => o['reference'] !== undefined)) m.references = ['reference.0'];
  const notes = [
    'MT-Bench questions: the first turn is the prompt, "category" a tag, the first reference answer (where given) the reference. Add model_answer files with "Add another model\'s outputs" (joined by question_id).',
  ];
  return { format: m.format, mapping: m, notes, signature: ['question_id', 'turns'] };
}

// FastChat `model_answer/<model>.jsonl`: {question_id, answer_id, model_id, choices: [{index, turns: [str]}], tstamp}.
function mtBenchAnswers(objects: Objects, model: string): PeerProposal | null {
  const isAnswer = (o: Record<string, unknown>) =>
    has(o, 'question_id', 'choices') && typeof getPath(o, 'choices.0.turns.0') === 'string';
  if (share(objects, isAnswer) < 0.8) return null;
  const m = base('mt-bench-answers');
  m.id = 'question_id';
  const named = objects.find((o) => typeof o['model_id'] === 'string')?.['model_id'];
  const system = typeof named === 'string' ? named : model;
  m.responses = [{ system, field: 'choices.0.turns.0', ...(named ? { systemField: 'model_id' } : {}) }];
  m.promptOptional = true;
  const notes = [
    `MT-Bench answers of "${system}": the first turn is the response. Answer files carry no question text: import question.jsonl first, then add this file with "Add another model's outputs" (joined by question_id).`,
  ];
  return { format: m.format, mapping: m, notes, signature: ['question_id', 'choices'] };
}

// OpenBookQA / ARC (AllenAI JSONL): {id, question: {stem, choices: [{text, label}]}, answerKey}.
function nestedChoices(objects: Objects): PeerProposal | null {
  const container = ['question', 'q', 'item'].find(
    (k) => share(objects, (o) => isObject(o[k]) && 'stem' in (o[k] as object)) >= 0.8,
  );
  if (!container) return null;
  const m = base('nested-multiple-choice');
  m.prompt = [`${container}.stem`];
  const choices = objects.some((o) => getPath(o, `${container}.choices`) !== undefined)
    ? `${container}.choices`
    : 'choices';
  m.choices = [choices];
  const label = ['answerKey', 'answer', 'label'].find((k) => objects.some((o) => o[k] !== undefined));
  if (label) m.label = label;
  if (objects.some((o) => o['id'] !== undefined)) m.id = 'id';
  const first = objects.find((o) => Array.isArray(getPath(o, choices)));
  const labels = (getPath(first, choices) as unknown[] | undefined)?.map((c) =>
    isObject(c) ? c['label'] : c,
  );
  m.labelEncoding = labels?.every((l) => typeof l === 'string' && /^[A-Z]$/.test(l)) ? 'letter' : 'auto';
  if (labels?.every((l) => typeof l === 'string' && /^\d$/.test(l))) m.labelEncoding = 'index1';
  const notes = [
    `Multiple choice nested in "${container}": "${container}.stem" is the question, "${choices}" the options${label ? `, "${label}" the answer` : ''}.`,
  ];
  return { format: m.format, mapping: m, notes, signature: [container] };
}

// TruthfulQA (TruthfulQA.csv: Type, Category, Question, Best Answer, Correct Answers, Incorrect Answers, Source; or
// the generation config on the hub: question, best_answer, correct_answers[], incorrect_answers[]).
function truthfulQa(stats: Stats): PeerProposal | null {
  const find = (...names: string[]) => [...stats.values()].find((s) => names.includes(s.norm))?.key;
  const question = find('question');
  const best = find('bestanswer');
  if (!question || !best) return null;
  const m = base('truthfulqa');
  m.prompt = [question];
  const correct = find('correctanswers');
  m.references = correct ? [best, correct] : [best];
  m.referenceSeparator = ';';
  const category = find('category');
  if (category) m.tags = [category];
  const notes = [
    `TruthfulQA: "${best}"${correct ? ` and every answer in "${correct}"` : ''} are references (split on ";"); the incorrect answers are kept as metadata.`,
  ];
  return { format: m.format, mapping: m, notes, signature: [question, best] };
}

/** The peer format the sample matches, if any. */
export function detectPeerFormat(objects: Objects, stats: Stats, model: string): PeerProposal | null {
  return (
    lmEval(objects, model) ??
    mtBenchQuestions(objects) ??
    mtBenchAnswers(objects, model) ??
    nestedChoices(objects) ??
    truthfulQa(stats)
  );
}
