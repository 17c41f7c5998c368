// Multiple choice by log-likelihood, as lm-evaluation-harness's `multiple_choice` output type: each choice is
// scored as the continuation " " + choice after the question; acc takes the argmax of the summed log-likelihood,
// acc_norm the argmax of log-likelihood divided by the choice's length in characters, without the delimiter
// (lm_eval/api/task.py: `completion_len = np.array([float(len(i)) for i in choices])`, where `choices` comes
// from doc_to_choice; Python's len counts code points).

/** Scored choices of one item. `logLikelihoods[i]` is Σ log p over the tokens of " " + choices[i] (≤ 0). */
export interface ChoiceItem {
  choices: readonly string[];
  logLikelihoods: readonly number[];
  /** Gold index. */
  label: number;
}

/** Per-item outcome. */
export interface ChoiceOutcome {
  pred: number;
  predNorm: number;
  correct: boolean;
  correctNorm: boolean;
}

/** The continuation text scored for a choice: lm-evaluation-harness's default target delimiter " ". */
export function choiceContinuation(choice: string, delimiter = ' '): string {
  return delimiter + choice;
}

function argmax(values: readonly number[]): number {
  // np.argmax: the first maximum wins ties.
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

/** Length in code points, as Python's len(str). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** acc / acc_norm decisions for one item. An empty choice divides by zero, as in lm-eval (±Infinity or NaN). */
export function scoreChoiceItem(item: ChoiceItem): ChoiceOutcome {
  const pred = argmax(item.logLikelihoods);
  const normalized = item.logLikelihoods.map((ll, i) => ll / codePointLength(item.choices[i] ?? ''));
  const predNorm = argmax(normalized);
  return { pred, predNorm, correct: pred === item.label, correctNorm: predNorm === item.label };
}

/** Accuracy over items. */
export interface ChoiceAccuracy {
  acc: number | null;
  acc_norm: number | null;
  items: number;
}

/** Mean acc and acc_norm. */
export function choiceAccuracy(items: readonly ChoiceItem[]): ChoiceAccuracy {
  if (items.length === 0) return { acc: null, acc_norm: null, items: 0 };
  let acc = 0;
  let accNorm = 0;
  for (const item of items) {
    const o = scoreChoiceItem(item);
    if (o.correct) acc++;
    if (o.correctNorm) accNorm++;
  }
  return { acc: acc / items.length, acc_norm: accNorm / items.length, items: items.length };
}
