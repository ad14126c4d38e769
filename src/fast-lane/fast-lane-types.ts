/** The fast lane's contract: a question in, SQL that answers it exactly, or a reason to abstain. */

export interface FastLaneContext {
  /** The date relative periods ("last month", "this year") are computed against, YYYY-MM-DD. */
  today: string;
}

export type FastLaneOutcome =
  | {
      kind: 'answered';
      /** The executable statement with its values inlined and safely quoted: what people see and what runs. */
      sql: string;
      /** One sentence, in plain words, of what the query computes (the user's terms, not SQL). */
      explanation: string;
      /** Which part of the fast lane answered. */
      source: 'semantic-parser' | 'verified-query';
    }
  | {
      kind: 'abstained';
      /** Why, in words a user can act on: the words it did not understand, or the ambiguity it saw. */
      reason: string;
    };

export interface FastLane {
  answer(question: string, context: FastLaneContext): FastLaneOutcome;
}
