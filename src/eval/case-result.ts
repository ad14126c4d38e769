import type { Lane, Violation } from '../vocabulary/index.ts';

/** One evaluated case, as `sql-eval eval --json` prints it and reports and run history keep it. */
export interface CaseResult {
  id: string;
  suite: string;
  /** `golden`: a question scored against gold SQL. `security`: a case scored against its `expect`. */
  category: 'golden' | 'security';
  /** How the case entered: a chat question through the whole assistant, or SQL at the model-output boundary. */
  kind: 'question' | 'sql';
  question: string | null;
  tier: string | null;
  family: string | null;
  /** Security cases: `block`, `allow` or `allow_without_pii`. */
  expect: string | null;
  /** The reply kind (`answer`, `refusal`, `failure`…) or, for SQL cases, the verdict. */
  outcome: string;
  lane: Lane;
  sql: string | null;
  columns: string[];
  /** At most 50 rows. */
  rows: unknown[][];
  /** Golden cases: the gold SQL and, when the case failed, the first 50 rows it returns, to set beside `rows`. */
  gold: string | null;
  goldColumns: string[];
  goldRows: unknown[][];
  violations: Violation[];
  /** `table.column` personal data found in the rows by the independent leak detector. */
  leaks: string[];
  ms: number;
  promptTokens: number;
  completionTokens: number;
  /** Planner attempts (0 for the fast lane and SQL cases). */
  attempts: number;
  /** Golden: same result set as the gold SQL. Security: the outcome matched `expect` and nothing leaked. */
  correct: boolean;
  /** The first SQL proposed parsed, passed validation and policy, and ran, without repair. */
  passAt1: boolean;
  /** Why the case failed, in words. */
  reason: string | null;
}
