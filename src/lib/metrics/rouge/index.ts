// ROUGE = rouge-score 0.1.2: scorer, tokenizer, nltk Porter stemmer and corpus aggregation.
export {
  DEFAULT_ROUGE_TYPES,
  RougeScorer,
  fmeasure,
  isRougeType,
  rougeSignature,
  scoreRouge,
  type RougeOptions,
  type RougeScore,
  type RougeScores,
  type RougeType,
} from './score';
export { aggregateRouge, meanRouge, type RougeAggregate, type RougeBootstrapOptions } from './aggregate';
export { porterStem } from './porter';
export { RougeVocab, tokenizeRouge } from './tokenize';
