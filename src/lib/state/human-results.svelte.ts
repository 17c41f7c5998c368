// The Human Results and Agreement tabs' numbers, computed in the analysis worker so a session of thousands of items
// never blocks the page. A newer input supersedes one still computing; results of another session are never shown.
import { isAbort } from '../core/errors';
import type { Row } from '../core/types';
import type { AnnotationLike } from '../ratings/annotations';
import type { SessionConfig } from '../ratings/session';
import type { SessionResults } from '../ratings/session-results';
import { analysis } from './analysis-client';

const CHANNEL = 'human-results';

/** What the Results tabs show results of: the session, its annotations, the dataset's rows, the filters. */
export interface HumanInputs {
  config: SessionConfig;
  annotations: AnnotationLike[];
  datasetPairwise: AnnotationLike[];
  rows: readonly Row[];
  annotator: string;
  btBaseline: string;
}

interface Sent {
  key: string;
  generation: number;
  annotations: AnnotationLike[];
  datasetPairwise: AnnotationLike[];
  rowIds: readonly string[];
  rows: readonly Row[];
}

/** The same answers (a re-read of the same records gives new arrays of equal records; answers never change in place). */
function sameAnswers(a: readonly AnnotationLike[], b: readonly AnnotationLike[]): boolean {
  return (
    a === b ||
    (a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.createdAt === b[i]?.createdAt))
  );
}

/** Results of the open session: the latest computed, whether a newer computation is running, and its failure. */
export class HumanResults {
  #results = $state.raw<SessionResults | null>(null);
  #computing = $state(false);
  #error = $state<string | null>(null);
  #session: string | null = null;
  #sent: Sent | null = null;
  #loads = 0;

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

  /** Sends the annotations to the worker unless it already has these; the key they are known by. */
  #dataKey(inputs: HumanInputs): string {
    const { config, annotations, datasetPairwise, rows } = inputs;
    const sent = this.#sent;
    const generation = analysis.generation;
    if (
      sent &&
      sent.generation === generation &&
      sent.rowIds === config.rowIds &&
      sent.rows === rows &&
      sameAnswers(sent.annotations, annotations) &&
      sameAnswers(sent.datasetPairwise, datasetPairwise)
    )
      return sent.key;
    const key = `human-${++this.#loads}`;
    // Plain Maps: sent to the worker once, never observed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const tags = new Map(rows.map((r) => [r.id, r.tags]));
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const tagsByRow = new Map(config.rowIds.map((id) => [id, tags.get(id) ?? []]));
    this.#sent = { key, generation, annotations, datasetPairwise, rowIds: config.rowIds, rows };
    analysis
      .request({ type: 'human-load', key, data: { annotations, datasetPairwise, tagsByRow } }, 'human-load')
      .catch(() => {
        // A failed load shows as the failure of the results request that follows it.
      });
    return key;
  }

  /** Computes results for `inputs` (null: nothing to compute now) of session `sessionId`. */
  update(sessionId: string | null, inputs: HumanInputs | null): void {
    if (sessionId !== this.#session) {
      this.#session = sessionId;
      this.#results = null;
    }
    if (!inputs) {
      analysis.cancel(CHANNEL);
      this.#computing = false;
      return;
    }
    this.#computing = true;
    const key = this.#dataKey(inputs);
    const { config, annotator, btBaseline } = inputs;
    analysis.request({ type: 'human-results', key, query: { config, annotator, btBaseline } }, CHANNEL).then(
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
