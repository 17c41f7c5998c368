// Shapes of human judgments as the statistics see them: flat, plain data, independent of storage.

/** What an annotator answered for one pairwise item; `A`/`B` name the side shown on screen (left/right). */
export type PairwiseChoice = 'A' | 'B' | 'tie' | 'both-bad' | 'skip';

/** All pairwise choices, in the order the UI offers them. */
export const PAIRWISE_CHOICES: readonly PairwiseChoice[] = ['A', 'B', 'tie', 'both-bad', 'skip'];

/** One annotator's pairwise judgment of one item, with the systems that were shown on each side. */
export interface PairwiseVote {
  rowId: string;
  annotator: string;
  /** System shown as response A (left). */
  left: string;
  /** System shown as response B (right). */
  right: string;
  choice: PairwiseChoice;
}

/** One annotator's score of one system's response on one dimension. */
export interface LikertVote {
  rowId: string;
  annotator: string;
  system: string;
  dimension: string;
  score: number;
}

/** An outcome from one system's point of view against another. */
export type Outcome = 'win' | 'loss' | 'tie' | 'both-bad';

/** How "both bad" enters a win rate: as a tie (Chatbot Arena's `tie (bothbad)`) or not at all. */
export type BothBadPolicy = 'tie' | 'exclude';

/** A caution attached to a result: a stable code and a sentence for the page. */
export interface StatWarning {
  code:
    | 'no-data'
    | 'small-n'
    | 'spans-half'
    | 'not-significant'
    | 'all-ties'
    | 'not-identifiable'
    | 'disconnected';
  message: string;
}
