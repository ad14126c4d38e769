/**
 * The trajectory of a request: every attempt, the stage that rejected it and why. The whole
 * trajectory goes back to the planner on each retry, and the loop stops instead of repeating itself.
 */

export type AttemptStage = 'planning' | 'validation' | 'policy' | 'execution';

export interface Attempt {
  sql: string | null;
  stage: AttemptStage;
  /** What went wrong, in words the planner and the user can read (never row values). */
  error: string;
  /** `stage:code`, e.g. `validation:unknown-column`: two in a row of the same class end the loop. */
  errorClass: string;
  /** The planner's own words for its approach, when it gave them. */
  strategy: string | null;
  /** PostgreSQL's fingerprint of the SQL: the same query with other literals counts as a repeat. */
  fingerprint: string | null;
}

export type RetryDecision = { retry: true } | { retry: false; reason: string };

export function decideRetry(attempts: Attempt[], maxAttempts: number): RetryDecision {
  const last = attempts.at(-1);
  if (!last) return { retry: true };
  if (attempts.length >= maxAttempts) return { retry: false, reason: `gave up after ${attempts.length} attempts (the limit is ${maxAttempts})` };
  const earlier = attempts.slice(0, -1);
  if (last.fingerprint !== null && earlier.some((attempt) => attempt.fingerprint === last.fingerprint)) {
    return { retry: false, reason: 'the planner proposed a query it had already tried' };
  }
  const previous = earlier.at(-1);
  if (previous && previous.errorClass === last.errorClass) {
    return { retry: false, reason: `the same kind of error (${last.errorClass}) happened twice in a row` };
  }
  return { retry: true };
}

/** A plain-words account of what was tried, for the final reply. */
export function describeTrajectory(attempts: Attempt[]): string {
  return attempts
    .map((attempt, index) => `${index + 1}. ${attempt.sql ? 'A query was' : 'No usable query was'} rejected at ${attempt.stage}: ${attempt.error}`)
    .join('\n');
}
