import pg from 'pg';
import { DatasourceError, type DatasourceErrorCode } from '../../ports/datasource.ts';
import { describeSqlState } from './sqlstate-names.ts';

/**
 * Maps a driver or server error to a DatasourceError. The message is built from the error class and SQLSTATE only:
 * the server's own message and detail can echo row values (`invalid input syntax for type integer: "ana@…"`), and
 * driver messages can name hosts. The original error stays available as `cause` for logs with the right clearance.
 */
export function toDatasourceError(error: unknown, datasourceName: string): DatasourceError {
  if (error instanceof DatasourceError) return error;
  if (error instanceof pg.DatabaseError && typeof error.code === 'string') {
    const sqlState = error.code;
    const code = codeForSqlState(sqlState);
    return new DatasourceError(code, messageFor(code, datasourceName, `SQLSTATE ${sqlState}: ${describeSqlState(sqlState)}`), sqlState, { cause: error });
  }
  const networkProblem = describeNetworkProblem(error);
  if (networkProblem !== undefined) {
    return new DatasourceError('unavailable', messageFor('unavailable', datasourceName, networkProblem), undefined, { cause: error });
  }
  return new DatasourceError('query-failed', `The query on "${datasourceName}" failed for a reason other than the database's answer (driver error).`, undefined, { cause: error });
}

function codeForSqlState(sqlState: string): DatasourceErrorCode {
  switch (sqlState) {
    case '57014':
      return 'timeout';
    case '42601':
      return 'syntax';
    case '42P01':
    case '42703':
    case '42883':
    case '42704':
    case '42P02':
    case '3F000':
      return 'undefined-object';
    case '42501':
      return 'permission';
    case '25006':
      return 'read-only';
    case '57P01':
    case '57P02':
    case '57P03':
    case '53300':
    case '3D000':
      return 'unavailable';
    default:
      // Connection exceptions and failed authentication: the datasource cannot be used right now.
      return sqlState.startsWith('08') || sqlState.startsWith('28') ? 'unavailable' : 'query-failed';
  }
}

function messageFor(code: DatasourceErrorCode, datasourceName: string, reason: string): string {
  switch (code) {
    case 'unavailable':
      return `The database "${datasourceName}" is unavailable (${reason}).`;
    case 'overloaded':
      return `The database "${datasourceName}" has too many queries waiting (${reason}).`;
    case 'timeout':
      return `The query was cancelled because it ran longer than the statement timeout (${reason}).`;
    case 'syntax':
      return `The database could not parse the query; it must be exactly one valid statement (${reason}).`;
    case 'undefined-object':
      return `The query refers to a table, column, function or schema that does not exist (${reason}).`;
    case 'permission':
      return `The database role may not read something the query uses (${reason}).`;
    case 'read-only':
      return `The query tried to change data, which the read-only transaction forbids (${reason}).`;
    case 'query-failed':
      return `The database rejected the query (${reason}).`;
  }
}

const NETWORK_ERROR_NAMES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

/** A short, value-free description of a connection-level failure, or undefined when the error is something else. */
function describeNetworkProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const systemCode = (error as { code?: unknown }).code;
  if (typeof systemCode === 'string' && systemCode in NETWORK_ERROR_NAMES) return NETWORK_ERROR_NAMES[systemCode];
  if (error instanceof AggregateError) return error.errors.map(describeNetworkProblem).find((reason) => reason !== undefined);
  // Messages node-postgres itself produces (never server text).
  if (/timeout exceeded when trying to connect|connection timeout/i.test(error.message)) return 'connection timed out';
  if (/connection terminated|not queryable|ended unexpectedly/i.test(error.message)) return 'connection lost';
  if (/does not support SSL|SSL/i.test(error.message) && (error as { code?: unknown }).code === undefined) return 'TLS negotiation failed';
  return undefined;
}
