import type pg from 'pg';

/** Settings of the read-only transaction every statement runs in. */
export interface ReadOnlyTransactionSettings {
  statementTimeoutMs: number;
  /** Switched to with `SET LOCAL ROLE`; the connection's own role when undefined. */
  role?: string | undefined;
}

const MAXIMUM_TIMEOUT_MS = 2_147_483_647;

/**
 * Checks out a pooled connection, opens `BEGIN READ ONLY` with a statement timeout (and optionally a role), runs
 * `work`, then always rolls back and runs `DISCARD ALL` (outside the transaction) so the connection goes back to the
 * pool with no session state: no advisory locks, prepared statements, temporary tables, LISTENs or settings.
 * A connection that cannot be cleaned is destroyed instead of returned.
 */
export async function withReadOnlyTransaction<T>(pool: pg.Pool, settings: ReadOnlyTransactionSettings, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { statementTimeoutMs, role } = settings;
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs < 1 || statementTimeoutMs > MAXIMUM_TIMEOUT_MS) {
    throw new RangeError(`statementTimeoutMs must be a positive integer of milliseconds (at most ${MAXIMUM_TIMEOUT_MS})`);
  }
  if (role !== undefined && (role.length === 0 || role.includes('\0'))) throw new RangeError('role must be a non-empty role name');

  const client = await pool.connect();
  // A checked-out client has no error listener: without one, a dropped connection would crash the process.
  const ignoreConnectionError = (): void => undefined;
  client.on('error', ignoreConnectionError);
  let outcome: { value: T } | { error: unknown };
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${statementTimeoutMs}`);
    if (role !== undefined) await client.query(`SET LOCAL ROLE ${client.escapeIdentifier(role)}`);
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

async function leaveNoSessionState(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    await client.query('DISCARD ALL');
    return true;
  } catch {
    return false;
  }
}
