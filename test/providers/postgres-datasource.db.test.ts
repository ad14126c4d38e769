import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datasource, TableInfo } from '../../src/ports/datasource.ts';
import { findFreePort } from '../../src/providers/embedded-postgres/find-free-port.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { datasourceFailure } from '../support/datasource-failure.ts';

/** The Datasource contract, against a real PostgreSQL holding the sample data (embedded 18, or TEST_DATABASE_URL). */

let database: TestDatabase;
let admin: pg.Client;
let datasource: Datasource;
const readerRole = `sql_eval_reader_${randomBytes(3).toString('hex')}"quoted`;
const limits = { maxRows: 100, statementTimeoutMs: 5_000 };


beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`
    CREATE VIEW customer_order_counts AS
      SELECT c.id AS customer_id, count(o.id) AS order_count FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
    COMMENT ON VIEW customer_order_counts IS 'Orders per customer.';`);
  await admin.query(`CREATE ROLE ${admin.escapeIdentifier(readerRole)} NOLOGIN`);
  await admin.query(`GRANT SELECT ON products TO ${admin.escapeIdentifier(readerRole)}`);
  datasource = createPostgresDatasource({ name: 'sample', connectionString: database.url, poolSize: 1 });
});

afterAll(async () => {
  await datasource?.close();
  if (admin !== undefined) {
    await admin.query(`DROP OWNED BY ${admin.escapeIdentifier(readerRole)}`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(readerRole)}`).catch(() => undefined);
    await admin.end();
  }
  await database?.drop();
});

describe('introspect', () => {
  let tables: Map<string, TableInfo>;
  beforeAll(async () => {
    const snapshot = await datasource.introspect();
    expect(snapshot.serverVersion).toBeGreaterThanOrEqual(140_000);
    tables = new Map(snapshot.tables.map((table) => [table.name, table]));
  });

  it('lists the six sample tables with comments and row estimates', () => {
    for (const name of ['customers', 'products', 'orders', 'order_items', 'employees', 'support_tickets']) {
      const table = tables.get(name);
      expect(table?.kind, name).toBe('table');
      expect(table?.schema).toBe('public');
      expect(table?.comment, name).toMatch(/\w/);
    }
    expect(tables.get('customers')?.rowEstimate).toBe(5000);
    expect(tables.get('order_items')?.rowEstimate).toBeGreaterThan(100_000);
  });

  it('describes columns with their types, nullability and comments', () => {
    const columns = tables.get('customers')?.columns ?? [];
    expect(columns.map((column) => column.name)).toEqual(['id', 'full_name', 'email', 'phone', 'street_address', 'city', 'country', 'created_at']);
    expect(columns.find((column) => column.name === 'email')).toEqual({ name: 'email', dataType: 'text', nullable: false, comment: 'E-mail address used to sign in.' });
    expect(columns.find((column) => column.name === 'phone')?.nullable).toBe(true);
    expect(columns.find((column) => column.name === 'created_at')?.dataType).toBe('timestamp with time zone');
  });

  it('gives primary and foreign keys, composite ones in column order', () => {
    const items = tables.get('order_items');
    expect(items?.primaryKey).toEqual(['order_id', 'product_id']);
    expect(items?.foreignKeys).toEqual(
      expect.arrayContaining([
        { columns: ['order_id'], referencedSchema: 'public', referencedTable: 'orders', referencedColumns: ['id'] },
        { columns: ['product_id'], referencedSchema: 'public', referencedTable: 'products', referencedColumns: ['id'] },
      ]),
    );
    expect(tables.get('employees')?.foreignKeys).toEqual([{ columns: ['manager_id'], referencedSchema: 'public', referencedTable: 'employees', referencedColumns: ['id'] }]);
  });

  it('describes a view with its definition', () => {
    const view = tables.get('customer_order_counts');
    expect(view?.kind).toBe('view');
    expect(view?.comment).toBe('Orders per customer.');
    expect(view?.viewDefinition).toMatch(/count\(o\.id\)/);
    expect(view?.primaryKey).toEqual([]);
    expect(view?.columns.map((column) => [column.name, column.dataType])).toEqual([
      ['customer_id', 'integer'],
      ['order_count', 'bigint'],
    ]);
  });
});

describe('run', () => {
  it('returns typed columns and JSON-friendly rows', async () => {
    const result = await datasource.run(
      "SELECT id, email, created_at, created_at::date AS signup_day, count(*) OVER () AS total, 12.50::numeric(6,2) AS price, '\\x01ff'::bytea AS raw FROM customers ORDER BY id LIMIT 2",
      limits,
    );
    expect(result.columns).toEqual([
      { name: 'id', dataType: 'integer' },
      { name: 'email', dataType: 'text' },
      { name: 'created_at', dataType: 'timestamp with time zone' },
      { name: 'signup_day', dataType: 'date' },
      { name: 'total', dataType: 'bigint' },
      { name: 'price', dataType: 'numeric(6,2)' },
      { name: 'raw', dataType: 'bytea' },
    ]);
    expect(result.rows).toHaveLength(2);
    const [id, email, createdAt, signupDay, total, price, raw] = result.rows[0] ?? [];
    expect(id).toBe(1);
    expect(email).toMatch(/@/);
    expect(createdAt).toMatch(/^2022-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(signupDay).toMatch(/^2022-\d\d-\d\d$/);
    expect(total).toBe('5000');
    expect(price).toBe('12.50');
    expect(raw).toBe('01ff');
    expect(result.truncated).toBe(false);
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
  });

  it('fetches at most maxRows and says when more were available', async () => {
    const capped = await datasource.run('SELECT order_id FROM order_items ORDER BY order_id, product_id', { ...limits, maxRows: 10 });
    expect(capped.rows).toHaveLength(10);
    expect(capped.truncated).toBe(true);
    const exact = await datasource.run('SELECT id FROM customers ORDER BY id LIMIT 10', { ...limits, maxRows: 10 });
    expect(exact.rows).toHaveLength(10);
    expect(exact.truncated).toBe(false);
  });

  it('cancels a statement that runs past the timeout', async () => {
    const error = await datasourceFailure(datasource.run('SELECT pg_sleep(2)', { ...limits, statementTimeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(error.sqlState).toBe('57014');
  });

  it('refuses to change data, and nothing changes', async () => {
    const error = await datasourceFailure(datasource.run("UPDATE customers SET city = 'Nowhere'", limits));
    expect(error.code).toBe('read-only');
    const data = await admin.query("SELECT count(*)::int AS changed FROM customers WHERE city = 'Nowhere'");
    expect(data.rows[0]).toEqual({ changed: 0 });
  });

  it('rejects several statements in one string', async () => {
    const error = await datasourceFailure(datasource.run('SELECT 1; SELECT 2', limits));
    expect(error.code).toBe('syntax');
    const escape = await datasourceFailure(datasource.run("SELECT 1; COMMIT; UPDATE customers SET city = 'Nowhere'", limits));
    expect(escape.code).toBe('syntax');
    const data = await admin.query("SELECT count(*)::int AS changed FROM customers WHERE city = 'Nowhere'");
    expect(data.rows[0]).toEqual({ changed: 0 });
  });

  it('does not repeat data values from the server message', async () => {
    const firstEmail = (await admin.query<{ email: string }>('SELECT email FROM customers ORDER BY id LIMIT 1')).rows[0]?.email ?? '';
    const error = await datasourceFailure(datasource.run('SELECT CAST(email AS integer) FROM customers ORDER BY id', limits));
    expect(error.code).toBe('query-failed');
    expect(error.sqlState).toBe('22P02');
    expect(error.message).not.toContain(firstEmail);
    expect(error.message).not.toContain('@');
    expect(error.message).toContain('22P02');
  });

  it('reports unknown tables and columns', async () => {
    expect((await datasourceFailure(datasource.run('SELECT * FROM no_such_table', limits))).code).toBe('undefined-object');
    expect((await datasourceFailure(datasource.run('SELECT no_such_column FROM customers', limits))).code).toBe('undefined-object');
  });

  it('switches to a role (quoted) and reports what it may not read', async () => {
    const allowed = await datasource.run('SELECT count(*) FROM products', { ...limits, role: readerRole });
    expect(allowed.rows).toEqual([['200']]);
    const error = await datasourceFailure(datasource.run('SELECT email FROM customers', { ...limits, role: readerRole }));
    expect(error.code).toBe('permission');
  });

  it('leaves no session state on the pooled connection', async () => {
    await datasource.run('SELECT pg_advisory_lock(424242)', limits);
    const locks = await admin.query("SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242");
    expect(locks.rows[0]).toEqual({ held: 0 });
    await datasource.run("SELECT set_config('search_path', 'pg_catalog', false)", limits);
    const after = await datasource.run('SELECT count(*) FROM products', limits);
    expect(after.rows).toEqual([['200']]);
  });

  it('validates its limits', async () => {
    await expect(datasource.run('SELECT 1', { ...limits, statementTimeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(datasource.run('SELECT 1', { ...limits, statementTimeoutMs: 1.5 })).rejects.toThrow(RangeError);
    await expect(datasource.run('SELECT 1', { ...limits, maxRows: 0 })).rejects.toThrow(RangeError);
  });
});

describe('explain', () => {
  it('gives the estimated rows and cost of the top plan node', async () => {
    const explained = await datasource.explain('SELECT * FROM orders', { statementTimeoutMs: 5_000 });
    expect(explained.estimatedRows).toBe(40_000);
    expect(explained.totalCost).toBeGreaterThan(0);
    expect(Array.isArray(explained.plan)).toBe(true);
  });

  it('rejects several statements, so nothing after the first one runs', async () => {
    expect((await datasourceFailure(datasource.explain('SELECT 1; SELECT 2', { statementTimeoutMs: 5_000 }))).code).toBe('syntax');
    const escape = await datasourceFailure(datasource.explain("SELECT 1; COMMIT; UPDATE customers SET city = 'Nowhere'", { statementTimeoutMs: 5_000 }));
    expect(escape.code).toBe('syntax');
    const data = await admin.query("SELECT count(*)::int AS changed FROM customers WHERE city = 'Nowhere'");
    expect(data.rows[0]).toEqual({ changed: 0 });
  });
});

describe('an unreachable server', () => {
  it('is unavailable, and the message holds neither the password nor the connection string', async () => {
    const port = await findFreePort();
    const connectionString = `postgres://reader:s3cret-pa55word@127.0.0.1:${port}/sample`;
    const unreachable = createPostgresDatasource({ name: 'offline', connectionString, connectionTimeoutMs: 2_000 });
    try {
      const error = await datasourceFailure(unreachable.run('SELECT 1', limits));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('offline');
      expect(error.message).not.toContain('s3cret-pa55word');
      expect(error.message).not.toContain(connectionString);
      expect((await datasourceFailure(unreachable.introspect())).code).toBe('unavailable');
    } finally {
      await unreachable.close();
    }
  });
});
