import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { z } from 'zod';
import { DatasourceError, type Datasource } from '../../ports/datasource.ts';
import { describeRetryTime } from '../../ports/retry-time.ts';
import { AdmissionRefusal, createAdmissionQueue } from './admission-queue.ts';

/**
 * A circuit breaker (cockatiel 3) and an admission queue in front of one datasource.
 *
 * - Breaker: after `failureThreshold` consecutive failures that are the database's fault ('unavailable', 'timeout'),
 *   `run` and `explain` fail fast for `cooldownMs` with a DatasourceError('unavailable') whose `retryAt` says when
 *   the next try is; then one trial call goes through (half-open): success closes the breaker, failure re-opens it.
 *   Any other answer (a syntax, permission or read-only error) is the query's fault and proves the database is up:
 *   it resets the count.
 * - Admission: at most `maxConcurrent` statements run at once (the pool holds as many connections); up to `maxQueued`
 *   more wait their turn in arrival order, each for at most `queueTimeoutMs`. A call finding the queue full, or still
 *   waiting at its deadline, is refused with a DatasourceError('overloaded') whose `retryAt` estimates when a turn
 *   would come. A refusal is not a database failure: it never reaches the breaker. While the breaker is open, calls
 *   fail fast without queueing.
 *
 * `introspect` and `close` pass through. Cockatiel reads the clock with `Date.now()` and takes no clock of its own,
 * so tests fake `Date` to move time.
 */

const guardOptionsSchema = z
  .object({
    failureThreshold: z.number().int().min(1).default(5),
    cooldownMs: z.number().int().min(1).default(30_000),
    maxConcurrent: z.number().int().min(1).default(8),
    maxQueued: z.number().int().min(0).default(500),
    queueTimeoutMs: z.number().int().min(1).default(30_000),
  })
  .strict();

export type GuardOptions = z.input<typeof guardOptionsSchema>;

/** Failures that say the database, not the query, is in trouble. */
export function countsAgainstDatabase(error: unknown): error is DatasourceError {
  return error instanceof DatasourceError && (error.code === 'unavailable' || error.code === 'timeout');
}

/** The query's own failure, carried through the breaker as a value so that it counts as an answer. */
type Attempt<T> = { answered: true; value: T } | { answered: false; error: DatasourceError };

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export function breakerStateName(state: CircuitState): BreakerState {
  if (state === CircuitState.Open) return 'open';
  if (state === CircuitState.HalfOpen) return 'half-open';
  if (state === CircuitState.Isolated) return 'isolated';
  return 'closed';
}

/** A guarded datasource, with read-only views of its breaker and queue for metrics. */
export interface GuardedDatasource extends Datasource {
  breakerState(): BreakerState;
  /** Statements running now and statements waiting for a connection. */
  admission(): { running: number; waiting: number };
}

export function guardDatasource(datasource: Datasource, options: GuardOptions = {}): GuardedDatasource {
  const { failureThreshold, cooldownMs, maxConcurrent, maxQueued, queueTimeoutMs } = guardOptionsSchema.parse(options);
  const { name } = datasource;
  const consecutiveFailures = new ConsecutiveBreaker(failureThreshold);
  const breaker = circuitBreaker(handleWhen(countsAgainstDatabase), { halfOpenAfter: cooldownMs, breaker: consecutiveFailures });
  const admission = createAdmissionQueue({ maxConcurrent, maxQueued, queueTimeoutMs });
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

  const breakerOpen = (): DatasourceError => {
    const retryAt = new Date(openedAt + cooldownMs);
    return new DatasourceError(
      'unavailable',
      `The database "${name}" is unavailable after ${consecutiveFailures.state} consecutive failures; the next try is at ${describeRetryTime(retryAt)}.`,
      undefined,
      { retryAt },
    );
  };

  const toDatasourceError = (error: unknown): unknown => {
    if (error instanceof BrokenCircuitError) return breakerOpen();
    if (error instanceof AdmissionRefusal) {
      const retryAt = new Date(Date.now() + error.retryAfterMs);
      const situation =
        error.reason === 'queue-full'
          ? `${error.waiting} ${error.waiting === 1 ? 'query is' : 'queries are'} already waiting for ${maxConcurrent} connections`
          : `this query waited ${Math.round(queueTimeoutMs / 1000)} s for one of ${maxConcurrent} connections (${error.waiting} still waiting)`;
      return new DatasourceError('overloaded', `The database "${name}" is busy: ${situation}; ask again at ${describeRetryTime(retryAt)}.`, undefined, { cause: error, retryAt });
    }
    return error;
  };

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    // An open breaker refuses at once, queue or not: waiting would only delay the same answer.
    if (breaker.state === CircuitState.Open && Date.now() < openedAt + cooldownMs) throw breakerOpen();
    let outcome: Attempt<T>;
    try {
      outcome = await admission.run(() => breaker.execute(() => attempt(work)));
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
    breakerState: () => breakerStateName(breaker.state),
    admission: () => ({ running: admission.running, waiting: admission.waiting }),
  };
}
