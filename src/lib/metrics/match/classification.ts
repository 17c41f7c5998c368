// Classification accuracy, per-class precision/recall/F1, macro-F1 and a confusion matrix, with scikit-learn's
// conventions: labels = sorted union of gold and predicted; F1 = 2·tp / (2·tp + fp + fn) (sklearn
// precision_recall_fscore_support), 0 when a class is never gold nor predicted correctly (zero_division=0).

/** One class's figures. */
export interface ClassStats {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold rows with this label. */
  support: number;
}

/** The full classification report. */
export interface ClassificationReport {
  n: number;
  correct: number;
  accuracy: number;
  macroF1: number;
  labels: string[];
  /** matrix[g][p]: rows with gold labels[g] predicted as labels[p]. */
  matrix: number[][];
  perClass: ClassStats[];
}

/** Label comparison settings. */
export interface LabelOptions {
  ignoreCase: boolean;
}

/** Trims a label and, if asked, lowercases it, so "Positive\n" and "positive" are one class. */
export function normalizeLabel(label: string, options: LabelOptions): string {
  const t = label.trim();
  return options.ignoreCase ? t.toLowerCase() : t;
}

/** Accuracy, macro-F1 and the confusion matrix of paired gold and predicted labels. */
export function classificationReport(
  gold: readonly string[],
  predicted: readonly string[],
  options: LabelOptions = { ignoreCase: false },
): ClassificationReport {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted must have the same length');
  const g = gold.map((x) => normalizeLabel(x, options));
  const p = predicted.map((x) => normalizeLabel(x, options));
  const labels = [...new Set([...g, ...p])].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < g.length; i++) {
    const gi = index.get(g[i] ?? '') ?? 0;
    const pi = index.get(p[i] ?? '') ?? 0;
    const row = matrix[gi];
    if (row) row[pi] = (row[pi] ?? 0) + 1;
    if (gi === pi) correct++;
  }
  const perClass = labels.map((label, k) => {
    const tp = matrix[k]?.[k] ?? 0;
    const support = (matrix[k] ?? []).reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((a, row) => a + (row[k] ?? 0), 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const denom = support + predictedCount;
    return { label, precision, recall, f1: denom > 0 ? (2 * tp) / denom : 0, support };
  });
  const macroF1 = perClass.length ? perClass.reduce((a, c) => a + c.f1, 0) / perClass.length : 0;
  const n = g.length;
  return { n, correct, accuracy: n ? correct / n : 0, macroF1, labels, matrix, perClass };
}
