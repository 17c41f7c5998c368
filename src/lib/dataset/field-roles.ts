// Field-name vocabularies and per-field statistics that format detection reasons with. Names are compared
// normalized (lower case, letters and digits only), so `Expected_Output`, `expected-output` and `expectedOutput` match.
import { looksLikeTurns } from './conversation';
import { isObject } from './paths';

/** Lower-cases and strips everything but letters and digits. */
export const norm = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

export const PROMPT_NAMES = [
  'prompt',
  'instruction',
  'question',
  'input',
  'query',
  'problem',
  'text',
  'article',
  'document',
  'source',
  'src',
  'dialogue',
  'context',
];
export const RESPONSE_NAMES = [
  'response',
  'output',
  'completion',
  'prediction',
  'predictions',
  'generated',
  'generation',
  'generatedtext',
  'modeloutput',
  'modelresponse',
  'modelanswer',
  'hypothesis',
  'hyp',
  'pred',
];
export const REFERENCE_NAMES = [
  'reference',
  'references',
  'target',
  'targets',
  'answer',
  'answers',
  'ideal',
  'expected',
  'expectedoutput',
  'expectedanswer',
  'expectedresponse',
  'gold',
  'goldanswer',
  'groundtruth',
  'solution',
  'summary',
  'highlights',
  'tgt',
  'ref',
  'refs',
  'referenceanswer',
  'canonicalsolution',
];
export const ID_NAMES = [
  'id',
  'uid',
  'uuid',
  'questionid',
  'exampleid',
  'sampleid',
  'itemid',
  'qid',
  'promptid',
  'key',
  'idx',
  'index',
];
export const TAG_NAMES = [
  'tags',
  'tag',
  'category',
  'categories',
  'task',
  'tasktype',
  'subject',
  'domain',
  'topic',
  'skill',
  'cluster',
  'difficulty',
];
export const CHOICE_NAMES = ['choices', 'options', 'endings', 'candidates', 'answers', 'alternatives'];
export const LABEL_NAMES = [
  'answer',
  'label',
  'answerkey',
  'answeridx',
  'answerindex',
  'gold',
  'correct',
  'correctanswer',
  'target',
  'targetidx',
];
export const SYSTEM_NAMES = ['model', 'system', 'generator', 'modelname', 'modelid', 'systemname'];
export const OUTPUTS_OBJECT_NAMES = [
  'outputs',
  'responses',
  'completions',
  'generations',
  'predictions',
  'answersbymodel',
];
/** Column names that hold model outputs by convention even without a response-like name. */
export const SYSTEM_COLUMN_NAMES = [
  'base',
  'baseline',
  'finetuned',
  'ft',
  'sft',
  'dpo',
  'rlhf',
  'chosen',
  'rejected',
  'candidate',
  'tuned',
  'instruct',
  'student',
  'teacher',
];
/** Long text columns that are not outputs. */
export const NOT_RESPONSE_NAMES = [
  'explanation',
  'rationale',
  'notes',
  'note',
  'comment',
  'comments',
  'description',
  'context',
  'systemprompt',
  'system',
  'title',
  'url',
  'passage',
  'article',
  'document',
];

/** What the sample says about one top-level field. */
export interface FieldStats {
  key: string;
  norm: string;
  /** Records that have the field (not null). */
  present: number;
  strings: number;
  numbers: number;
  arrays: number;
  objects: number;
  /** Arrays that look like chat turns. */
  turnArrays: number;
  /** Mean length of string values. */
  meanLength: number;
  /** Distinct string/number values (capped at the sample size). */
  distinct: number;
  /** The first string/number value seen. */
  example?: string;
}

/** Statistics of every top-level key over the sampled objects, in first-seen key order. */
export function fieldStats(objects: readonly Record<string, unknown>[]): Map<string, FieldStats> {
  const stats = new Map<string, FieldStats>();
  const values = new Map<string, Set<string>>();
  const totalLen = new Map<string, number>();
  for (const o of objects) {
    for (const [key, v] of Object.entries(o)) {
      let s = stats.get(key);
      if (!s) {
        s = {
          key,
          norm: norm(key),
          present: 0,
          strings: 0,
          numbers: 0,
          arrays: 0,
          objects: 0,
          turnArrays: 0,
          meanLength: 0,
          distinct: 0,
        };
        stats.set(key, s);
        values.set(key, new Set());
      }
      if (v === null || v === undefined) continue;
      s.present++;
      if (typeof v === 'string') {
        s.strings++;
        totalLen.set(key, (totalLen.get(key) ?? 0) + v.length);
      } else if (typeof v === 'number') s.numbers++;
      else if (Array.isArray(v)) {
        s.arrays++;
        if (looksLikeTurns(v)) s.turnArrays++;
      } else if (isObject(v)) s.objects++;
      if (typeof v === 'string' || typeof v === 'number') {
        values.get(key)?.add(String(v));
        s.example ??= String(v);
      }
    }
  }
  for (const s of stats.values()) {
    s.meanLength = s.strings > 0 ? (totalLen.get(s.key) ?? 0) / s.strings : 0;
    s.distinct = values.get(s.key)?.size ?? 0;
  }
  return stats;
}

/** The first field (in vocabulary order) whose normalized name is in `names` and that passes `ok`. */
export function findField(
  stats: Map<string, FieldStats>,
  names: readonly string[],
  ok: (s: FieldStats) => boolean = () => true,
  taken: ReadonlySet<string> = new Set(),
): FieldStats | undefined {
  for (const n of names) {
    for (const s of stats.values()) if (s.norm === n && !taken.has(s.key) && ok(s)) return s;
  }
  return undefined;
}

/** True for a field holding text (or numbers) in most records where it is present. */
export const isTextField = (s: FieldStats): boolean => s.strings + s.numbers > Math.max(0, s.present / 2);
