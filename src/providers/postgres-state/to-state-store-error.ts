import { StateStoreError } from '../../ports/state-store.ts';

/**
 * A driver or server error of the PostgreSQL state store as a StateStoreError: `unavailable` when the server cannot be
 * reached or is shutting down or full, `failed` otherwise. The message names the operation and the SQLSTATE, never
 * the server's text (it can echo stored values) nor the connection details.
 */
export function toStateStoreError(error: unknown, operation: string): StateStoreError {
  if (error instanceof StateStoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  if (sqlState !== undefined) {
    const unreachable = sqlState.startsWith('08') || sqlState.startsWith('57P') || sqlState === '53300' || sqlState.startsWith('28') || sqlState === '3D000';
    return new StateStoreError(unreachable ? 'unavailable' : 'failed', `The state store could not ${operation}: the database answered SQLSTATE ${sqlState}.`, { cause: error });
  }
  const message = error instanceof Error ? error.message : '';
  const networkCode = typeof code === 'string' ? code : '';
  if (/^E(CONN|HOST|NET|ADDR|PIPE|AI_AGAIN|NOTFOUND|TIMEDOUT)/.test(networkCode) || /timeout|terminated|not queryable|ended|Connection/i.test(message)) {
    return new StateStoreError('unavailable', `The state store could not ${operation}: its database cannot be reached${networkCode ? ` (${networkCode})` : ''}.`, { cause: error });
  }
  return new StateStoreError('failed', `The state store could not ${operation}.`, { cause: error });
}

/** For `promise.catch(…)`: rethrows whatever failed as the StateStoreError of `operation`. */
export function rethrowAs(operation: string): (error: unknown) => never {
  return (error) => {
    throw toStateStoreError(error, operation);
  };
}
