// Exact match, token F1, classification accuracy and multiple-choice accuracy.
export {
  ASCII_PUNCTUATION,
  STRICT_MATCH,
  compileIgnoreRegexes,
  normalizeAnswer,
  squadNormalize,
  type ExactMatchOptions,
} from './normalize';
export { ExactMatcher, exactMatch, exactMatchSignature, tokenF1, tokenF1One, type TokenF1 } from './exact';
export {
  classificationReport,
  normalizeLabel,
  type ClassStats,
  type ClassificationReport,
  type LabelOptions,
} from './classification';
export {
  extractChoice,
  multipleChoiceAccuracy,
  resolveGoldChoice,
  type ChoiceItem,
  type ChoiceMethod,
  type ChoiceReport,
  type ExtractedChoice,
} from './choice';
