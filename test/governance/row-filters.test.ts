import { deparseSync } from 'pgsql-deparser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { entitlementsFileSchema } from '../../src/config/entitlements.ts';
import { applyRowFilters } from '../../src/governance/row-filters/apply-row-filters.ts';
import { compileRowPolicies } from '../../src/governance/row-filters/compile-row-policies.ts';
import { resolveRowFilters, type RowFilterSet } from '../../src/governance/row-filters/resolve-row-filters.ts';
import { loadSqlParser, parseSql, type ParseNode } from '../../src/sql/parse-sql.ts';
import type { Actor } from '../../src/vocabulary/index.ts';
import { sampleCatalog } from '../support/sample-catalog.ts';

/** The row-filter rewrite on the parse tree, clause by clause, and the compile-time checks of configured filters. */

beforeAll(loadSqlParser);

/** The sample catalog plus a table that inherits from customers, one that inherits from orders, and a view over the view. */
function catalog(): Catalog {
  const base = sampleCatalog();
  const customers = base.tables.find((table) => table.name === 'customers');
  const orders = base.tables.find((table) => table.name === 'orders');
  if (!customers || !orders) throw new Error('the sample catalog changed');
  base.tables.push({ ...customers, name: 'vip_customers', parents: [{ schema: 'public', name: 'customers' }] });
  base.tables.push({ ...orders, name: 'archived_orders', parents: [{ schema: 'public', name: 'orders' }] });
  base.tables.push({ ...customers, name: 'contacts_by_country', kind: 'view', columns: customers.columns.slice(0, 1), viewDefinition: 'SELECT customer_contacts.country FROM customer_contacts' });
  return base;
}

const rep: Actor = { platform: 'eval', workspaceId: 'eval', userId: 'rep' };
const file = entitlementsFileSchema.parse({
  attributes: { 'eval:rep': { team: 'Sales' } },
  groups: {
    'sales-iberia': { members: ['eval:rep'], attributes: { country: ['PT', 'ES'] }, rowFilters: { customers: 'country = :country', employees: 'department = :team' } },
    archivists: { members: ['eval:archivist'], rowFilters: { archived_orders: "status = 'delivered'" } },
  },
  defaultRowFilters: { employees: 'false' },
});

function filtersFor(actor: Actor, entitlements = file): RowFilterSet {
  return resolveRowFilters(actor, compileRowPolicies(entitlements, catalog(), 'test.yaml'));
}

function rewrite(sql: string, filters: RowFilterSet = filtersFor(rep)): { sql: string; applied: string[]; problems: string[] } {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  const statement = parsed.parsed.statements[0] as ParseNode;
  const result = applyRowFilters(statement, filters, catalog());
  // The deparser pads subquery parentheses; the expectations read better without.
  const rewritten = deparseSync(statement as never, { pretty: false }).replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  return { sql: rewritten, applied: result.applied, problems: result.problems };
}

const customersPt = "(SELECT * FROM public.customers WHERE country = 'PT' OR country = 'ES' OFFSET 0)";

describe('the row-filter rewrite', () => {
  it('replaces a table in FROM, keeping its name as the alias, so aggregates count visible rows', () => {
    const result = rewrite('SELECT count(*) FROM customers');
    expect(result.sql).toBe(`SELECT count(*) FROM ${customersPt} AS customers`);
    expect(result.applied).toEqual(['sales-iberia on customers']);
  });

  it('keeps an alias and its column names', () => {
    expect(rewrite('SELECT c.city FROM customers c').sql).toBe(`SELECT c.city FROM ${customersPt} AS c`);
    expect(rewrite('SELECT x FROM customers AS c (x)').sql).toBe(`SELECT x FROM ${customersPt} AS c(x)`);
  });

  it('filters both sides of a JOIN and of a self-join', () => {
    expect(rewrite('SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id').sql).toBe(`SELECT count(*) FROM orders AS o JOIN ${customersPt} AS c ON c.id = o.customer_id`);
    expect(rewrite('SELECT a.id FROM customers a JOIN customers b ON a.city = b.city').sql).toBe(`SELECT a.id FROM ${customersPt} AS a JOIN ${customersPt} AS b ON a.city = b.city`);
  });

  it('filters subqueries in WHERE (IN, EXISTS), in the select list, in HAVING and in a derived table', () => {
    expect(rewrite('SELECT count(*) FROM orders WHERE customer_id IN (SELECT id FROM customers)').sql).toContain(`IN (SELECT id FROM ${customersPt} AS customers)`);
    expect(rewrite('SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)').sql).toContain(`EXISTS (SELECT 1 FROM ${customersPt} AS c`);
    expect(rewrite('SELECT (SELECT count(*) FROM customers) AS n').sql).toBe(`SELECT (SELECT count(*) FROM ${customersPt} AS customers) AS n`);
    expect(rewrite('SELECT status FROM orders GROUP BY status HAVING count(*) > (SELECT count(*) FROM customers)').sql).toContain(`(SELECT count(*) FROM ${customersPt} AS customers)`);
    expect(rewrite('SELECT n FROM (SELECT count(*) AS n FROM customers) s').sql).toBe(`SELECT n FROM (SELECT count(*) AS n FROM ${customersPt} AS customers) AS s`);
  });

  it('filters LATERAL subqueries and function arguments', () => {
    expect(rewrite('SELECT * FROM orders o, LATERAL (SELECT c.city FROM customers c WHERE c.id = o.customer_id) x').sql).toContain(`LATERAL (SELECT c.city FROM ${customersPt} AS c`);
    expect(rewrite('SELECT * FROM generate_series(1, (SELECT count(*) FROM customers)) g').sql).toContain(`(SELECT count(*) FROM ${customersPt} AS customers)`);
  });

  it('filters both branches of a set operation over two filtered tables', () => {
    const result = rewrite('SELECT city FROM customers UNION SELECT department FROM employees');
    expect(result.sql).toBe(`SELECT city FROM ${customersPt} AS customers UNION SELECT department FROM (SELECT * FROM public.employees WHERE department = 'Sales' OFFSET 0) AS employees`);
    expect(result.applied).toEqual(['sales-iberia on customers', 'sales-iberia on employees']);
  });

  it('filters a CTE body, and never takes a CTE for the table it shadows, nor the table for the CTE', () => {
    expect(rewrite('WITH c AS (SELECT * FROM customers) SELECT count(*) FROM c').sql).toBe(`WITH c AS (SELECT * FROM ${customersPt} AS customers) SELECT count(*) FROM c`);
    // A non-recursive CTE cannot see itself: the name inside its body is the table.
    expect(rewrite('WITH customers AS (SELECT * FROM customers) SELECT count(*) FROM customers').sql).toBe(`WITH customers AS (SELECT * FROM ${customersPt} AS customers) SELECT count(*) FROM customers`);
    // A sibling defined later does not shadow the table for an earlier body.
    expect(rewrite('WITH a AS (SELECT id FROM customers), customers AS (SELECT 1 AS id) SELECT * FROM a, customers').sql).toBe(`WITH a AS (SELECT id FROM ${customersPt} AS customers), customers AS (SELECT 1 AS id) SELECT * FROM a, customers`);
    // Under WITH RECURSIVE every name of the list is visible to every body, a later sibling's too (as in PostgreSQL).
    const forward = 'WITH RECURSIVE a AS (SELECT count(*) FROM customers), customers AS (SELECT 1 AS id) SELECT * FROM a';
    expect(rewrite(forward).sql).toBe(forward);
    // A recursive CTE's own name inside its body is the CTE.
    const recursive = 'WITH RECURSIVE customers AS (SELECT 1 AS id UNION ALL SELECT id + 1 FROM customers WHERE id < 3) SELECT * FROM customers';
    expect(rewrite(recursive).sql).toBe(recursive);
    // A CTE defined in a subquery hides nothing outside it; a schema-qualified name is always the table.
    expect(rewrite('SELECT count(*) FROM customers WHERE id IN (WITH customers AS (SELECT 1 AS id) SELECT id FROM customers)').sql).toBe(`SELECT count(*) FROM ${customersPt} AS customers WHERE id IN (WITH customers AS (SELECT 1 AS id) SELECT id FROM customers)`);
    expect(rewrite('WITH customers AS (SELECT 1 AS id) SELECT count(*) FROM public.customers').sql).toBe(`WITH customers AS (SELECT 1 AS id) SELECT count(*) FROM ${customersPt} AS customers`);
  });

  it('keeps ONLY inside the subquery, and filters a table through the filter of the table it inherits from', () => {
    expect(rewrite('SELECT count(*) FROM ONLY customers').sql).toBe("SELECT count(*) FROM (SELECT * FROM ONLY public.customers WHERE country = 'PT' OR country = 'ES' OFFSET 0) AS customers");
    const child = rewrite('SELECT count(*) FROM vip_customers');
    expect(child.sql).toBe("SELECT count(*) FROM (SELECT * FROM public.vip_customers WHERE country = 'PT' OR country = 'ES' OFFSET 0) AS vip_customers");
    expect(child.applied).toEqual(['sales-iberia on customers']);
  });

  it('refuses a parent read with its children when a child has a filter of its own, and allows ONLY', () => {
    const archivist: Actor = { ...rep, userId: 'archivist' };
    expect(rewrite('SELECT count(*) FROM orders', filtersFor(archivist)).problems[0]).toContain('"orders" includes the rows of "archived_orders"');
    expect(rewrite('SELECT count(*) FROM ONLY orders', filtersFor(archivist)).problems).toEqual([]);
    expect(rewrite('SELECT count(*) FROM archived_orders', filtersFor(archivist)).sql).toContain("WHERE status = 'delivered'");
  });

  it('expands a view that reaches a filtered table, however deep, under its own name and columns', () => {
    const direct = rewrite('SELECT count(*) FROM customer_contacts');
    expect(direct.sql).toBe(`SELECT count(*) FROM (SELECT customers.id, customers.email AS contact, customers.country FROM ${customersPt} AS customers OFFSET 0) AS customer_contacts(id, contact, country)`);
    expect(direct.applied).toEqual(['sales-iberia on customers']);
    const nested = rewrite('SELECT v.country FROM contacts_by_country v');
    expect(nested.sql).toContain(`FROM ${customersPt} AS customers OFFSET 0) AS customer_contacts(id, contact, country) OFFSET 0) AS v(id)`);
  });

  it('leaves a view alone when it reaches no filtered table, and everything alone without filters', () => {
    const noFilters = filtersFor({ ...rep, userId: 'nobody' }, entitlementsFileSchema.parse({}));
    expect(rewrite('SELECT count(*) FROM customer_contacts', noFilters)).toEqual({ sql: 'SELECT count(*) FROM customer_contacts', applied: [], problems: [] });
    expect(rewrite('SELECT count(*) FROM customers JOIN orders ON orders.customer_id = customers.id', noFilters).applied).toEqual([]);
  });

  it('refuses a filtered table in a place it cannot be filtered (TABLESAMPLE)', () => {
    expect(rewrite('SELECT count(*) FROM customers TABLESAMPLE SYSTEM (50)').problems[0]).toContain('"customers" is read in a place where its row filter cannot be applied');
  });
});

describe('resolving whose filters apply', () => {
  it('ORs the filters of every group, applies defaults only where no group filters, and shows nothing for a missing attribute', () => {
    const entitlements = entitlementsFileSchema.parse({
      attributes: { 'email:ana@example.com': { region: 'EU' } },
      groups: {
        pt: { members: ['eval:ana'], rowFilters: { customers: "country = 'PT'" } },
        de: { members: ['email:ANA@example.com'], rowFilters: { customers: "country = 'DE'", orders: 'status = :status' } },
        other: { members: [], attributes: { status: 'paid' }, rowFilters: {} },
      },
      defaultRowFilters: { employees: 'false', customers: 'false' },
    });
    const ana: Actor = { platform: 'eval', workspaceId: 'eval', userId: 'ana', email: 'ana@example.com' };
    const filters = filtersFor(ana, entitlements);
    expect([...filters.tables.keys()].sort()).toEqual(['public.customers', 'public.employees', 'public.orders']);
    expect(rewrite('SELECT count(*) FROM customers', filters).sql).toContain("WHERE country = 'PT' OR country = 'DE'");
    expect(rewrite('SELECT count(*) FROM employees', filters).sql).toContain('WHERE false');
    const orders = rewrite('SELECT count(*) FROM orders', filters);
    expect(orders.sql).toContain('WHERE false');
    expect(orders.applied).toEqual(['de on orders (no value for :status: no rows)']);
    // Someone in no group gets the defaults only.
    expect(rewrite('SELECT count(*) FROM customers', filtersFor({ ...ana, userId: 'bob', email: undefined }, entitlements)).sql).toContain('WHERE false');
  });

  it('binds attribute values as constants: quotes and SQL in a value stay inside the literal', () => {
    const entitlements = entitlementsFileSchema.parse({
      attributes: { 'eval:ana': { city: ["O'Brien", "x' OR '1'='1"], minimum: -5, flag: true } },
      rowFilters: { 'eval:ana': { customers: 'city = :city', orders: 'total_cents > :minimum AND :flag' } },
    });
    const filters = filtersFor({ ...rep, userId: 'ana' }, entitlements);
    expect(rewrite('SELECT count(*) FROM customers', filters).sql).toContain("WHERE city = 'O''Brien' OR city = 'x'' OR ''1''=''1'");
    expect(rewrite('SELECT count(*) FROM orders', filters).sql).toContain('WHERE total_cents > -5 AND true');
    expect(rewrite('SELECT count(*) FROM orders', filters).applied).toEqual(['user eval:ana on orders']);
  });

  it('takes attribute values from chat grants, only for attributes the file declares', () => {
    const entitlements = entitlementsFileSchema.parse({ attributes: { someone: { region: 'x' } }, rowFilters: { 'eval:ana': { customers: 'country = :region' } } });
    const grants = [
      { grantee: 'eval:ana', entitlement: 'attribute:region=FR', grantedBy: 'eval:admin', grantedAt: 0, expiresAt: null },
      { grantee: 'eval:ana', entitlement: 'attribute:undeclared=1', grantedBy: 'eval:admin', grantedAt: 0, expiresAt: null },
    ];
    const filters = resolveRowFilters({ ...rep, userId: 'ana' }, compileRowPolicies(entitlements, catalog(), 'test.yaml'), grants);
    expect(rewrite('SELECT count(*) FROM customers', filters).sql).toContain("WHERE country = 'FR'");
  });
});

describe('row filters checked at start-up', () => {
  const problems = (rowFilters: Record<string, string>, attributes: Record<string, unknown> = { region: 'EU' }) => {
    try {
      compileRowPolicies(entitlementsFileSchema.parse({ groups: { g: { members: [], attributes, rowFilters } } }), catalog(), 'configs/entitlements.yaml');
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('accepts expressions over the table own columns with allowed functions and known attributes', () => {
    expect(problems({ customers: "lower(country) = lower(:region) AND created_at >= DATE '2024-01-01'", orders: 'orders.status IN (:region, \'paid\') AND total_cents::numeric > 0' })).toBe('');
  });

  it.each([
    [{ customers: 'regoin = :region' }, 'configs/entitlements.yaml: groups.g.rowFilters.customers: "regoin = :region": Column "regoin" does not exist in "customers"'],
    [{ customers: 'country = :regoin' }, 'unknown attribute :regoin (attributes given in this file: region'],
    [{ customerz: 'true' }, 'groups.g.rowFilters.customerz: the datasource "sample" has no table "customerz"'],
    [{ customer_contacts: 'true' }, '"customer_contacts" is a view'],
    [{ orders: 'customer_id IN (SELECT id FROM customers)' }, 'no subquery'],
    [{ orders: 'count(*) > 0' }, 'count() is an aggregate or window function'],
    [{ orders: 'pg_sleep(1) IS NULL' }, 'the function pg_sleep() is not allowed'],
    [{ orders: 'unnest(ARRAY[1]) = 1' }, 'unnest() returns rows'],
    [{ orders: "true) UNION (SELECT * FROM public.orders" }, 'it must be one boolean expression'],
    [{ orders: 'true; DELETE FROM orders' }, 'not a valid SQL expression'],
    [{ orders: 'status = $1' }, 'write attributes as :name, not $1'],
    [{ orders: 'customers.country = :region' }, '"customers" in "customers.country" is not a table or alias'],
  ])('refuses %j, naming the file and key', (rowFilters, expected) => {
    expect(problems(rowFilters)).toContain(expected);
  });

  it('compiles a filter named for this datasource, skips one named for another, and still refuses an unknown table', () => {
    const file = entitlementsFileSchema.parse({ groups: { g: { members: ['eval:rep'], rowFilters: { 'sample:customers': "country = 'PT'", 'warehouse:shipments': 'true' } } } });
    const filters = resolveRowFilters(rep, compileRowPolicies(file, catalog(), 'test.yaml'));
    expect([...filters.tables.keys()]).toEqual(['public.customers']);
    expect(problems({ 'sample:customerz': 'true' })).toContain('groups.g.rowFilters.sample:customerz: the datasource "sample" has no table "customerz"');
  });

  it('reports every problem of the file at once', () => {
    const message = problems({ customers: 'nope', orders: 'count(*) > 1' });
    expect(message).toContain('groups.g.rowFilters.customers');
    expect(message).toContain('groups.g.rowFilters.orders');
  });
});
