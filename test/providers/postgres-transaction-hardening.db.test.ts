import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datasource } from '../../src/ports/datasource.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { withReadOnlyTransaction } from '../../src/providers/postgres/read-only-transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { datasourceFailure } from '../support/datasource-failure.ts';

/**
 * The executor's own defences, whatever the validator let through: the transaction's settings, name resolution,
 * lock and idle timeouts, and pooled connections that keep no session state from one statement to the next.
 */

let database: TestDatabase;
let admin: pg.Client;
/** One connection, so every run reuses the connection the previous one used. */
let datasource: Datasource;
const limits = { maxRows: 100, statementTimeoutMs: 5_000 };
const shadowSchema = 'Sales "Data"';


async function backendId(): Promise<number> {
  const result = await datasource.run('SELECT pg_backend_pid()', limits);
  return Number(result.rows[0]?.[0]);
}

/** Waits, idle, until the server has ended the session with this backend id. */
async function untilSessionEnds(pid: number): Promise<void> {
  for (;;) {
    const alive = await admin.query<{ alive: boolean }>('SELECT EXISTS (SELECT FROM pg_stat_activity WHERE pid = $1) AS alive', [pid]);
    if (!alive.rows[0]?.alive) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const schema = admin.escapeIdentifier(shadowSchema);
  await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.products (id integer); INSERT INTO ${schema}.products VALUES (1); CREATE TABLE ${schema}.only_here (id integer);`);
  datasource = createPostgresDatasource({ name: 'sample', connectionString: database.url, poolSize: 1 });
});

afterAll(async () => {
  await datasource?.close();
  await admin?.end();
  await database?.drop();
});

describe('the read-only transaction', () => {
  it('sets the statement, lock and idle timeouts and the search path locally', async () => {
    const settings = "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout'), current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout'), current_setting('search_path')";
    const defaults = await datasource.run(settings, limits);
    expect(defaults.rows).toEqual([['on', '5s', '1s', '10s', 'pg_catalog, public, pg_temp']]);
    const chosen = await datasource.run(settings, { ...limits, statementTimeoutMs: 2_500, lockTimeoutMs: 250 });
    expect(chosen.rows).toEqual([['on', '2500ms', '250ms', '7500ms', 'pg_catalog, public, pg_temp']]);
  });

  it('resolves unqualified names in the configured schemas, in order, quoted', async () => {
    const shadowing = createPostgresDatasource({ name: 'shadowing', connectionString: database.url, poolSize: 1, schemas: [shadowSchema, 'public'] });
    try {
      expect((await shadowing.run('SELECT count(*) FROM products', limits)).rows).toEqual([['1']]);
      expect((await shadowing.run('SELECT count(*) FROM customers', limits)).rows).toEqual([['5000']]);
      expect((await shadowing.run("SELECT current_setting('search_path')", limits)).rows).toEqual([['pg_catalog, "Sales ""Data""", public, pg_temp']]);
      expect((await shadowing.explain('SELECT * FROM only_here', limits)).estimatedRows).toBeGreaterThan(0);
    } finally {
      await shadowing.close();
    }
    expect((await datasource.run('SELECT count(*) FROM products', limits)).rows).toEqual([['200']]);
    expect((await datasourceFailure(datasource.explain('SELECT * FROM only_here', limits))).code).toBe('undefined-object');
  });

  it('gives up waiting for a lock after lockTimeoutMs, well before the statement timeout', async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE products IN ACCESS EXCLUSIVE MODE');
      const run = await datasourceFailure(datasource.run('SELECT count(*) FROM products', { ...limits, statementTimeoutMs: 30_000, lockTimeoutMs: 100 }));
      expect(run.sqlState).toBe('55P03');
      const explain = await datasourceFailure(datasource.explain('SELECT * FROM products', { statementTimeoutMs: 30_000, lockTimeoutMs: 100 }));
      expect(explain.sqlState).toBe('55P03');
      // The default lock timeout (1 s) fires before a 30 s statement timeout too.
      expect((await datasourceFailure(datasource.run('SELECT count(*) FROM products', { ...limits, statementTimeoutMs: 30_000 }))).sqlState).toBe('55P03');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('ends a session left idle inside the transaction, and the pool recovers', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on('error', () => undefined);
    try {
      let session: { pid: number; timeout: string } | undefined;
      const stalled = withReadOnlyTransaction(pool, { statementTimeoutMs: 5_000, idleInTransactionTimeoutMs: 100 }, async (client) => {
        const current = await client.query<{ pid: number; timeout: string }>(
          "SELECT pg_backend_pid() AS pid, current_setting('idle_in_transaction_session_timeout') AS timeout",
        );
        session = current.rows[0];
        if (session) await untilSessionEnds(session.pid);
        return client.query('SELECT 1');
      });
      await expect(stalled).rejects.toThrow(/connection error/);
      expect(session?.timeout).toBe('100ms');
      const after = await withReadOnlyTransaction(pool, { statementTimeoutMs: 5_000 }, (client) => client.query<{ one: number }>('SELECT 1 AS one'));
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('refuses settings out of range before connecting', async () => {
    await expect(datasource.run('SELECT 1', { ...limits, lockTimeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(datasource.run('SELECT 1', { ...limits, lockTimeoutMs: 2.5 })).rejects.toThrow(RangeError);
    await expect(datasource.explain('SELECT 1', { statementTimeoutMs: 1_000, lockTimeoutMs: -1 })).rejects.toThrow(RangeError);
    const noSchemas = createPostgresDatasource({ name: 'none', connectionString: database.url, schemas: [] });
    try {
      await expect(noSchemas.run('SELECT 1', limits)).rejects.toThrow(RangeError);
    } finally {
      await noSchemas.close();
    }
  });
});

describe('a pooled connection after a statement', () => {
  it('holds no session advisory lock the statement took', async () => {
    const before = await backendId();
    const locked = await datasource.run('SELECT pg_advisory_lock(42)', limits);
    expect(locked.rows).toHaveLength(1);
    expect(await backendId()).toBe(before);
    const held = await admin.query<{ held: number }>(
      "SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objid = 42 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(held.rows).toEqual([{ held: 0 }]);
    const taken = await admin.query<{ taken: boolean }>('SELECT pg_try_advisory_lock(42) AS taken');
    expect(taken.rows).toEqual([{ taken: true }]);
    await admin.query('SELECT pg_advisory_unlock(42)');
  });

  it('keeps no setting a statement changed for the session', async () => {
    const before = await backendId();
    await datasource.run("SELECT set_config('search_path', 'x', false), set_config('application_name', 'x', false)", limits);
    expect(await backendId()).toBe(before);
    const after = await datasource.run("SELECT current_setting('search_path'), current_setting('application_name')", limits);
    expect(after.rows).toEqual([['pg_catalog, public, pg_temp', 'sql-eval']]);
    expect((await datasource.run('SELECT count(*) FROM products', limits)).rows).toEqual([['200']]);
  });

  it('keeps no prepared statement a statement created', async () => {
    const before = await backendId();
    await datasource.run('PREPARE leaked_statement AS SELECT 1', limits);
    expect(await backendId()).toBe(before);
    const error = await datasourceFailure(datasource.run('EXECUTE leaked_statement', limits));
    expect(error.sqlState).toBe('26000');
  });
});
