import type pg from 'pg';
import { TRANSACTION_DEFAULTS } from '../../ports/datasource.ts';
import { quoteIdentifier } from '../../sql/quote-identifier.ts';

/** Settings of the read-only transaction every statement runs in. */
export interface ReadOnlyTransactionSettings {
  statementTimeoutMs: number;
  /** `lock_timeout`: how long a statement waits for a lock. Default 1000 ms. */
  lockTimeoutMs?: number | undefined;
  /** `idle_in_transaction_session_timeout`: ends the session when this process stalls mid-transaction. Default statementTimeoutMs + 5 s. */
  idleInTransactionTimeoutMs?: number | undefined;
  /** Schemas unqualified names resolve in, in order (as the validator assumed). Default `['public']`. */
  searchPath?: readonly string[] | undefined;
  /** Switched to with `SET LOCAL ROLE`; the connection's own role when undefined. */
  role?: string | undefined;
}

const MAXIMUM_TIMEOUT_MS = 2_147_483_647;

/**
 * Checks out a pooled connection, opens `BEGIN READ ONLY` with `SET LOCAL` statement, lock and idle-in-transaction
 * timeouts, the search path and optionally a role, runs `work`, then always rolls back and runs `DISCARD ALL`
 * (outside the transaction) so the connection goes back to the pool with no session state: no advisory locks,
 * prepared statements, temporary tables, LISTENs or settings. A connection that cannot be cleaned is destroyed
 * instead of returned.
 *
 * The opening is one simple-protocol message holding only text built here (integers checked below, identifiers
 * quoted), so it costs one round trip; the caller's statement is sent alone by `work`, through the extended protocol.
 * `SET LOCAL` rather than `set_config(…, true)`: a least-privilege role may have lost EXECUTE on `set_config`
 * (see `sql-eval db grants`), while `SET` needs no privilege.
 */
export async function withReadOnlyTransaction<T>(pool: pg.Pool, settings: ReadOnlyTransactionSettings, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const opening = openingStatements(settings);
  const client = await pool.connect();
  // A checked-out client has no error listener: without one, a dropped connection would crash the process.
  const ignoreConnectionError = (): void => undefined;
  client.on('error', ignoreConnectionError);
  let outcome: { value: T } | { error: unknown };
  try {
    await client.query(opening.join('; '));
    outcome = { value: await work(client) };
  } catch (error) {
    outcome = { error };
  }
  const clean = await leaveNoSessionState(client);
  client.removeListener('error', ignoreConnectionError);
  client.release(clean ? undefined : true);
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

/** `BEGIN READ ONLY` and the `SET LOCAL` statements for `settings`; throws a RangeError for a value out of range or an empty name. */
export function openingStatements(settings: ReadOnlyTransactionSettings): string[] {
  const statementTimeoutMs = checkedTimeout('statementTimeoutMs', settings.statementTimeoutMs);
  const lockTimeoutMs = checkedTimeout('lockTimeoutMs', settings.lockTimeoutMs ?? TRANSACTION_DEFAULTS.lockTimeoutMs);
  const idleTimeoutMs = checkedTimeout('idleInTransactionTimeoutMs', settings.idleInTransactionTimeoutMs ?? Math.min(statementTimeoutMs + TRANSACTION_DEFAULTS.idleInTransactionMarginMs, MAXIMUM_TIMEOUT_MS));
  const searchPath = settings.searchPath ?? ['public'];
  if (searchPath.length === 0) throw new RangeError('searchPath must name at least one schema');
  const statements = [
    'BEGIN READ ONLY',
    `SET LOCAL statement_timeout = ${statementTimeoutMs}`,
    `SET LOCAL lock_timeout = ${lockTimeoutMs}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${idleTimeoutMs}`,
    // pg_catalog first (where PostgreSQL puts it anyway) and pg_temp last: a temporary table cannot shadow a real one.
    `SET LOCAL search_path = pg_catalog, ${searchPath.map(quoteIdentifier).join(', ')}, pg_temp`,
  ];
  if (settings.role !== undefined) statements.push(`SET LOCAL ROLE ${quoteIdentifier(settings.role)}`);
  return statements;
}

function checkedTimeout(name: string, milliseconds: number): number {
  if (!Number.isInteger(milliseconds) || milliseconds < 1 || milliseconds > MAXIMUM_TIMEOUT_MS) {
    throw new RangeError(`${name} must be a positive integer of milliseconds (at most ${MAXIMUM_TIMEOUT_MS})`);
  }
  return milliseconds;
}

async function leaveNoSessionState(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    await client.query('DISCARD ALL');
    return true;
  } catch {
    return false;
  }
}
