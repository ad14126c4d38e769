import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { GrantsScript } from '../../../src/governance/grants/build-grants-sql.ts';
import { DatasourceError, type Datasource } from '../../../src/ports/datasource.ts';
import { createPostgresDatasource } from '../../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { runCli } from '../../support/run-cli.ts';

/**
 * `sql-eval db grants` end to end: the printed SQL, applied by an administrator to a fresh sample database, gives a
 * login role that reads what the semantic model allows and nothing else, whatever SQL it sends.
 * Roles are cluster-wide, so the role name is unique to this run and the role is dropped at the end.
 */

let database: TestDatabase;
let admin: pg.Client;
let reader: pg.Client;
let script: GrantsScript & { datasource: string };
const role = `sql_eval_reader_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');
let readerUrl: string;

async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(pg.DatabaseError);
  return (error as pg.DatabaseError).code;
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  const printed = await runCli(['db', 'grants', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--role', role, '--json']);
  expect(printed.stderr).toBe('');
  expect(printed.code).toBe(0);
  script = JSON.parse(printed.stdout) as typeof script;
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(script.sql);
  await admin.query(`ALTER ROLE ${admin.escapeIdentifier(role)} PASSWORD ${admin.escapeLiteral(password)}`);
  const url = new URL(database.url);
  url.username = role;
  url.password = password;
  readerUrl = url.toString();
  reader = new pg.Client({ connectionString: readerUrl });
  await reader.connect();
}, 120_000);

afterAll(async () => {
  await reader?.end().catch(() => undefined);
  if (admin !== undefined) {
    await admin.query(`DROP OWNED BY ${admin.escapeIdentifier(role)}`).catch(() => undefined);
    await admin.end();
  }
  await database?.drop();
  const server = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await server.connect();
  try {
    await server.query(`DROP ROLE IF EXISTS ${server.escapeIdentifier(role)}`);
  } finally {
    await server.end();
  }
});

describe('the printed script', () => {
  it('describes the grants it makes and holds no password', () => {
    expect(script.role).toBe(role);
    expect(script.tables.find((table) => table.name === 'customers')).toMatchObject({ access: 'columns', withheldColumns: ['full_name', 'email', 'phone', 'street_address'] });
    expect(script.tables.find((table) => table.name === 'orders')).toMatchObject({ access: 'table' });
    expect(script.revokedFunctions).toContain('"pg_catalog"."pg_sleep"(double precision)');
    expect(script.revokedFunctions).toContain('"pg_catalog"."set_config"(text, text, boolean)');
    expect(script.sql).not.toContain(password);
    expect(script.sql).not.toMatch(/PASSWORD\s*'/i);
  });

  it('prints the same SQL as text', async () => {
    const printed = await runCli(['db', 'grants', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--role', role]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(script.sql);
  });

  it('can be applied again once the role exists (without CREATE ROLE)', async () => {
    await admin.query(script.sql.replace(/^CREATE ROLE .*$/m, ''));
  });

  it('refuses a reserved role name', async () => {
    const printed = await runCli(['db', 'grants', '--database-url', database.url, '--role', 'pg_monitor']);
    expect(printed.code).toBe(2);
    expect(printed.stderr).toMatch(/--role must not start with pg_/);
  });
});

describe('the role, connected directly', () => {
  it('reads columns that are not PII', async () => {
    const result = await reader.query<{ id: number; city: string }>('SELECT id, city FROM customers ORDER BY id LIMIT 1');
    expect(result.rows).toHaveLength(1);
    expect((await reader.query('SELECT count(*)::int AS n FROM orders')).rows).toEqual([{ n: 40_000 }]);
  });

  it('is refused PII columns in any clause', async () => {
    expect(await sqlState(reader.query('SELECT email FROM customers'))).toBe('42501');
    expect(await sqlState(reader.query('SELECT * FROM customers'))).toBe('42501');
    expect(await sqlState(reader.query("SELECT count(*) FROM customers WHERE email LIKE '%@%'"))).toBe('42501');
    expect(await sqlState(reader.query('SELECT c FROM customers c'))).toBe('42501');
    expect(await sqlState(reader.query('SELECT id FROM employees ORDER BY salary_cents'))).toBe('42501');
  });

  it('does not see the PII columns’ statistics (most common values) in pg_stats', async () => {
    const statistics = "SELECT attname FROM pg_stats WHERE schemaname = 'public' AND tablename = 'customers' AND attname IN ('email', 'city') ORDER BY attname";
    expect((await admin.query(statistics)).rows).toEqual([{ attname: 'city' }, { attname: 'email' }]);
    expect((await reader.query(statistics)).rows).toEqual([{ attname: 'city' }]);
  });

  it('changes nothing, even after turning read-only off for itself', async () => {
    expect(await sqlState(reader.query("UPDATE products SET name = 'x'"))).toBe('25006');
    await reader.query('SET default_transaction_read_only = off');
    expect(await sqlState(reader.query("UPDATE products SET name = 'x'"))).toBe('42501');
    expect(await sqlState(reader.query('CREATE TABLE public.scratch (id int)'))).toBe('42501');
    await reader.query('RESET default_transaction_read_only');
    expect((await admin.query("SELECT count(*)::int AS n FROM products WHERE name = 'x'")).rows).toEqual([{ n: 0 }]);
  });

  it('may not run the risky functions', async () => {
    expect(await sqlState(reader.query('SELECT pg_sleep(0)'))).toBe('42501');
    expect(await sqlState(reader.query("SELECT set_config('search_path', 'x', false)"))).toBe('42501');
    expect(await sqlState(reader.query('SELECT pg_advisory_lock(42)'))).toBe('42501');
    expect(await sqlState(reader.query("SELECT query_to_xml('SELECT email FROM customers', true, false, '')"))).toBe('42501');
  });

  it('has the session defaults', async () => {
    const settings = await reader.query<{ timeout: string; lock: string; idle: string; readOnly: string }>(
      "SELECT current_setting('statement_timeout') AS timeout, current_setting('lock_timeout') AS lock, current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('default_transaction_read_only') AS \"readOnly\"",
    );
    expect(settings.rows).toEqual([{ timeout: '5s', lock: '1s', idle: '10s', readOnly: 'on' }]);
  });
});

describe('the datasource, connected as the role', () => {
  let datasource: Datasource;
  beforeAll(() => {
    datasource = createPostgresDatasource({ name: 'least-privilege', connectionString: readerUrl, poolSize: 1 });
  });
  afterAll(async () => {
    await datasource?.close();
  });

  it('still runs and explains statements (its transaction setup needs no revoked function)', async () => {
    const result = await datasource.run('SELECT country, count(*) FROM customers GROUP BY country ORDER BY country', { maxRows: 100, statementTimeoutMs: 5_000 });
    expect(result.rows.length).toBeGreaterThan(0);
    expect((await datasource.explain('SELECT * FROM orders', { statementTimeoutMs: 5_000 })).estimatedRows).toBe(40_000);
  });

  it('introspects only the granted columns, and reports a refused one as a permission error', async () => {
    const snapshot = await datasource.introspect();
    const customers = snapshot.tables.find((table) => table.name === 'customers');
    expect(customers?.columns.map((column) => column.name)).toEqual(['id', 'city', 'country', 'created_at']);
    const error = await datasource.run('SELECT email FROM customers', { maxRows: 10, statementTimeoutMs: 5_000 }).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(DatasourceError);
    expect((error as DatasourceError).code).toBe('permission');
  });
});
