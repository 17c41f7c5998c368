// The Human Results and Agreement tabs' numbers, computed in the analysis worker so a session of thousands of items
// never blocks the page. A newer input supersedes one still computing; results of another session are never shown.
import { isAbort } from '../core/errors';
import type { HumanResultsInput } from '../analysis/protocol';
import type { SessionResults } from '../ratings/session-results';
import { analysis } from './analysis-client';

const CHANNEL = 'human-results';

/** Results of the open session: the latest computed, whether a newer computation is running, and its failure. */
export class HumanResults {
  #results = $state.raw<SessionResults | null>(null);
  #computing = $state(false);
  #error = $state<string | null>(null);
  #session: string | null = null;

  /** The latest results of the current session (kept on screen while newer ones compute). */
  get results(): SessionResults | null {
    return this.#results;
  }
  /** True while results for the latest input are being computed. */
  get computing(): boolean {
    return this.#computing;
  }
  get error(): string | null {
    return this.#error;
  }

  /** Computes results for `input` (null: nothing to compute now) of session `sessionId`. */
  update(sessionId: string | null, input: HumanResultsInput | null): void {
    if (sessionId !== this.#session) {
      this.#session = sessionId;
      this.#results = null;
    }
    if (!input) {
      analysis.cancel(CHANNEL);
      this.#computing = false;
      return;
    }
    this.#computing = true;
    analysis.request({ type: 'human-results', input }, CHANNEL).then(
      (answer) => {
        this.#results = answer.results;
        this.#error = null;
        this.#computing = false;
      },
      (e: unknown) => {
        // Superseded by a newer input: that one's answer will arrive.
        if (isAbort(e)) return;
        this.#error = `Could not compute the results: ${e instanceof Error ? e.message : String(e)}`;
        this.#computing = false;
      },
    );
  }
}

/** The app's human results. */
export const humanResults = new HumanResults();
