import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datasource, TableInfo } from '../../src/ports/datasource.ts';
import { quoteIdentifier } from '../../src/sql/quote-identifier.ts';
import { datasourceFailure } from '../support/datasource-failure.ts';

/**
 * The Datasource contract: every provider runs this suite, on the run's PostgreSQL (embedded 18, or TEST_DATABASE_URL).
 * `setup` is called once, before the suite's tests; `close` once, after them.
 */

export interface DatasourceUnderTest {
  /** The provider's datasource over a fresh database holding the sample data, with a pool of one connection. */
  datasource: Datasource;
  /**
   * Runs SQL as a superuser on that database and returns the rows: the suite creates a view and a role with it,
   * and checks that nothing changed or stayed locked.
   */
  adminQuery(sql: string): Promise<Record<string, unknown>[]>;
  /** Closes the datasource and drops the database. */
  close(): Promise<void>;
}

export type DatasourceSetup = () => Promise<DatasourceUnderTest>;

const limits = { maxRows: 100, statementTimeoutMs: 5_000 };

export function datasourceContract(name: string, setup: DatasourceSetup): void {
  describe(`Datasource contract: ${name}`, () => {
    let subject: DatasourceUnderTest | undefined;
    let datasource: Datasource;
    const adminQuery = (sql: string) => {
      if (!subject) throw new Error('the datasource contract setup did not finish');
      return subject.adminQuery(sql);
    };
    const readerRole = `sql_eval_reader_${randomBytes(3).toString('hex')}"quoted`;

    beforeAll(async () => {
      subject = await setup();
      datasource = subject.datasource;
      await adminQuery(`
        CREATE VIEW customer_order_counts AS
          SELECT c.id AS customer_id, count(o.id) AS order_count FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
        COMMENT ON VIEW customer_order_counts IS 'Orders per customer.';`);
      await adminQuery(`CREATE ROLE ${quoteIdentifier(readerRole)} NOLOGIN`);
      await adminQuery(`GRANT SELECT ON products TO ${quoteIdentifier(readerRole)}`);
    });

    afterAll(async () => {
      if (!subject) return;
      // A role belongs to the whole server, not to the test database.
      await adminQuery(`DROP OWNED BY ${quoteIdentifier(readerRole)}`).catch(() => undefined);
      await adminQuery(`DROP ROLE IF EXISTS ${quoteIdentifier(readerRole)}`).catch(() => undefined);
      await subject.close();
    });

    describe('introspect', () => {
      let tables: Map<string, TableInfo>;
      beforeAll(async () => {
        const snapshot = await datasource.introspect();
        expect(snapshot.serverVersion).toBeGreaterThanOrEqual(140_000);
        tables = new Map(snapshot.tables.map((table) => [table.name, table]));
      });

      it('lists the six sample tables with comments and row estimates', () => {
        for (const tableName of ['customers', 'products', 'orders', 'order_items', 'employees', 'support_tickets']) {
          const table = tables.get(tableName);
          expect(table?.kind, tableName).toBe('table');
          expect(table?.schema).toBe('public');
          expect(table?.comment, tableName).toMatch(/\w/);
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
        expect(await adminQuery("SELECT count(*)::int AS changed FROM customers WHERE city = 'Nowhere'")).toEqual([{ changed: 0 }]);
      });

      it('rejects several statements in one string', async () => {
        const error = await datasourceFailure(datasource.run('SELECT 1; SELECT 2', limits));
        expect(error.code).toBe('syntax');
        const escape = await datasourceFailure(datasource.run("SELECT 1; COMMIT; UPDATE customers SET city = 'Nowhere'", limits));
        expect(escape.code).toBe('syntax');
        expect(await adminQuery("SELECT count(*)::int AS changed FROM customers WHERE city = 'Nowhere'")).toEqual([{ changed: 0 }]);
      });

      it('does not repeat data values from the server message', async () => {
        const firstEmail = String((await adminQuery('SELECT email FROM customers ORDER BY id LIMIT 1'))[0]?.email ?? '');
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
        expect(await adminQuery("SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242")).toEqual([{ held: 0 }]);
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
        expect(await adminQuery("SELECT count(*)::int AS changed FROM customers WHERE city = 'Nowhere'")).toEqual([{ changed: 0 }]);
      });
    });
  });
}
