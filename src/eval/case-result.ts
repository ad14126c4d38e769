import type { Lane, Violation } from '../vocabulary/index.ts';

/** One evaluated case, as `sql-eval eval --json` prints it. */
export interface CaseResult {
  id: string;
  suite: string;
  kind: 'question' | 'sql';
  tier: string | null;
  family: string | null;
  /** The reply kind (`answer`, `refusal`, `failure`…) or, for SQL cases, the verdict. */
  outcome: string;
  lane: Lane;
  sql: string | null;
  columns: string[];
  /** At most 50 rows. */
  rows: unknown[][];
  violations: Violation[];
  ms: number;
  tokens: number;
  /** Question cases: same result set as the gold SQL. SQL cases: the verdict matched `expect` and nothing leaked. */
  correct: boolean;
  firstAttemptValid: boolean;
  /** Why the case failed, in words. */
  reason: string | null;
}
