// Sliding-window plan for sequences longer than the model's context, following the Hugging Face recipe
// "Perplexity of fixed-length models" (transformers docs, perplexity.md): windows advance by `stride`, each
// scores only the tokens the previous window did not, so every token is scored exactly once and, after the
// first window, with at least maxLength − stride tokens of context. Pure code.

/** One model call: tokens [begin, end) go in; targets [firstTarget, end) are scored. */
export interface ScoringWindow {
  begin: number;
  end: number;
  firstTarget: number;
}

/** Checks window settings; returns an error message or null. */
export function windowSettingsError(maxLength: number, stride: number): string | null {
  if (!Number.isInteger(maxLength) || maxLength < 2)
    return `max length must be an integer ≥ 2 (got ${maxLength})`;
  if (!Number.isInteger(stride) || stride < 1 || stride >= maxLength) {
    return `stride must be an integer from 1 to max length − 1 = ${maxLength - 1} (got ${stride})`;
  }
  return null;
}

/**
 * Windows that score positions [max(1, firstScored), n) of an n-token sequence. Position 0 never has a
 * prediction. With firstScored = 1 this is exactly the HF loop
 * `for begin in range(0, n, stride): end = min(begin + max_length, n); trg_len = end - prev_end`.
 * With a later firstScored (a conditional continuation) the first window ends at max(maxLength, firstScored +
 * stride) and reaches as far back as maxLength allows, like lm-evaluation-harness's left truncation.
 */
export function planWindows(
  n: number,
  firstScored: number,
  maxLength: number,
  stride: number,
): ScoringWindow[] {
  const problem = windowSettingsError(maxLength, stride);
  if (problem) throw new RangeError(problem);
  const start = Math.max(1, firstScored);
  if (start >= n) return [];
  const windows: ScoringWindow[] = [];
  let end = Math.min(n, Math.max(maxLength, start + stride));
  windows.push({ begin: Math.max(0, end - maxLength), end, firstTarget: start });
  let prevEnd = end;
  while (prevEnd < n) {
    const rawEnd = prevEnd + stride;
    end = Math.min(n, rawEnd);
    windows.push({ begin: Math.max(0, rawEnd - maxLength), end, firstTarget: prevEnd });
    prevEnd = end;
  }
  return windows;
}
