import { BrokenCircuitError, BulkheadRejectedError, ConsecutiveBreaker, bulkhead, circuitBreaker, handleWhen } from 'cockatiel';
import { z } from 'zod';
import { DatasourceError, type Datasource } from '../../ports/datasource.ts';
import { describeRetryTime } from '../../ports/retry-time.ts';

/**
 * A circuit breaker and a bulkhead in front of one datasource (cockatiel 3).
 *
 * - Breaker: after `failureThreshold` consecutive failures that are the database's fault ('unavailable', 'timeout'),
 *   `run` and `explain` fail fast for `cooldownMs` with a DatasourceError('unavailable') whose `retryAt` says when
 *   the next try is; then one trial call goes through (half-open): success closes the breaker, failure re-opens it.
 *   Any other answer (a syntax, permission or read-only error) is the query's fault and proves the database is up:
 *   it resets the count.
 * - Bulkhead: at most `maxConcurrent` statements run at once and `maxQueued` wait; beyond that a call is refused
 *   at once with a DatasourceError('unavailable'). A refusal is not a database failure and does not count.
 *
 * `introspect` and `close` pass through. Cockatiel reads the clock with `Date.now()` and takes no clock of its own,
 * so tests fake `Date` to move time.
 */

const guardOptionsSchema = z
  .object({
    failureThreshold: z.number().int().min(1).default(5),
    cooldownMs: z.number().int().min(1).default(30_000),
    maxConcurrent: z.number().int().min(1).default(4),
    maxQueued: z.number().int().min(0).default(16),
  })
  .strict();

export type GuardOptions = z.input<typeof guardOptionsSchema>;

/** Failures that say the database, not the query, is in trouble. */
export function countsAgainstDatabase(error: unknown): error is DatasourceError {
  return error instanceof DatasourceError && (error.code === 'unavailable' || error.code === 'timeout');
}

/** The query's own failure, carried through the breaker as a value so that it counts as an answer. */
type Attempt<T> = { answered: true; value: T } | { answered: false; error: DatasourceError };

export function guardDatasource(datasource: Datasource, options: GuardOptions = {}): Datasource {
  const { failureThreshold, cooldownMs, maxConcurrent, maxQueued } = guardOptionsSchema.parse(options);
  const { name } = datasource;
  const consecutiveFailures = new ConsecutiveBreaker(failureThreshold);
  const breaker = circuitBreaker(handleWhen(countsAgainstDatabase), { halfOpenAfter: cooldownMs, breaker: consecutiveFailures });
  const limiter = bulkhead(maxConcurrent, maxQueued);
  let openedAt = 0;
  breaker.onBreak(() => {
    openedAt = Date.now();
  });

  const attempt = async <T>(work: () => Promise<T>): Promise<Attempt<T>> => {
    try {
      return { answered: true, value: await work() };
    } catch (error) {
      if (error instanceof DatasourceError && !countsAgainstDatabase(error)) return { answered: false, error };
      throw error;
    }
  };

  const toDatasourceError = (error: unknown): unknown => {
    if (error instanceof BrokenCircuitError) {
      const retryAt = new Date(openedAt + cooldownMs);
      return new DatasourceError(
        'unavailable',
        `The database "${name}" is unavailable after ${consecutiveFailures.state} consecutive failures; the next try is at ${describeRetryTime(retryAt)}.`,
        undefined,
        { retryAt },
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return new DatasourceError(
        'unavailable',
        `Too many queries are running on "${name}" (${maxConcurrent} running, ${maxQueued} waiting); ask again in a moment.`,
        undefined,
      );
    }
    return error;
  };

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    let outcome: Attempt<T>;
    try {
      outcome = await breaker.execute(() => limiter.execute(() => attempt(work)));
    } catch (error) {
      throw toDatasourceError(error);
    }
    if (!outcome.answered) throw outcome.error;
    return outcome.value;
  };

  return {
    name,
    introspect: () => datasource.introspect(),
    explain: (sql, explainOptions) => guarded(() => datasource.explain(sql, explainOptions)),
    run: (sql, runOptions) => guarded(() => datasource.run(sql, runOptions)),
    close: () => datasource.close(),
  };
}
