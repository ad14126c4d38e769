import type { Limits } from '../config/policies.ts';
import { DatasourceError, type Datasource, type QueryResult } from '../ports/datasource.ts';
import { describeRetryTime } from '../ports/retry-time.ts';
import type { FailureCode } from '../vocabulary/index.ts';

/** Stage: run a validated SELECT read-only, under the statement timeout and the row cap. */

export interface ExecuteContext {
  datasource: Datasource;
  limits: Limits;
  role?: string | undefined;
}

export interface ExecutionFailure {
  code: FailureCode;
  message: string;
  hint: string;
  errorClass: string;
}

export type Execution = { ok: true; result: QueryResult } | { ok: false; failure: ExecutionFailure };

export async function executeSql(sql: string, context: ExecuteContext): Promise<Execution> {
  try {
    const result = await context.datasource.run(sql, {
      maxRows: context.limits.maxRows,
      statementTimeoutMs: context.limits.statementTimeoutMs,
      lockTimeoutMs: context.limits.lockTimeoutMs,
      role: context.role,
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof DatasourceError) return { ok: false, failure: describeDatasourceError(error, context.limits, context.datasource.name) };
    throw error;
  }
}

/** Words for the user: built from the error class, never from the server's text (it can echo row values). */
export function describeDatasourceError(error: DatasourceError, limits: Limits, datasourceName: string): ExecutionFailure {
  const errorClass = `execution:${error.code}`;
  switch (error.code) {
    case 'unavailable':
      if (error.retryAt !== undefined) {
        return {
          code: 'database-unavailable',
          message: `The database "${datasourceName}" cannot be reached right now; the next try is at ${describeRetryTime(error.retryAt)}.`,
          hint: 'Several queries in a row could not reach it, so queries are refused until then instead of waiting. Ask again after that time. Nothing was run.',
          errorClass,
        };
      }
      return {
        code: 'database-unavailable',
        // Datasource messages name the datasource and the kind of failure, never connection details or values.
        message: error.message,
        hint: 'Ask again in a moment; if this persists, check that the database server is running and reachable. Nothing was run.',
        errorClass,
      };
    case 'overloaded':
      return {
        code: 'overloaded',
        message:
          error.retryAt !== undefined
            ? `The database "${datasourceName}" is busy with other questions right now; ask again at ${describeRetryTime(error.retryAt)}.`
            : `The database "${datasourceName}" is busy with other questions right now; ask again in a moment.`,
        hint: 'Nothing was run. Many questions arrived at once and this one could not get its turn in time; the database itself is fine. If this happens often, an operator can raise resilience.maxConcurrentQueries or resilience.maxQueuedQueries in configs/policies.yaml.',
        errorClass,
      };
    case 'timeout':
      return {
        code: 'query-failed',
        message: `The query took longer than ${limits.statementTimeoutMs / 1000} s and was cancelled.`,
        hint: 'Ask a narrower question (a shorter period, fewer groups), or raise limits.statementTimeoutMs in configs/policies.yaml.',
        errorClass,
      };
    default:
      return { code: 'query-failed', message: error.message, hint: 'Rephrase the question; the query was rolled back and nothing changed.', errorClass };
  }
}
