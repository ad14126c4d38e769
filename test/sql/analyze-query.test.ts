import { beforeAll, describe, expect, it } from 'vitest';
import { catalogResolver } from '../../src/catalog/catalog.ts';
import type { QueryAnalysis } from '../../src/sql/analysis-types.ts';
import { analyzeSelect } from '../../src/sql/analyze-query.ts';
import { loadSqlParser, parseSql } from '../../src/sql/parse-sql.ts';
import { sampleCatalog } from '../support/sample-catalog.ts';

function analyze(sql: string): QueryAnalysis {
  const parsed = parseSql(sql);
  if (!parsed.ok) throw new Error(parsed.message);
  return analyzeSelect(parsed.parsed.statements[0]!, catalogResolver(sampleCatalog()));
}

function used(sql: string): string[] {
  const analysis = analyze(sql);
  expect(analysis.problems).toEqual([]);
  return [...new Set(analysis.columnUses.map((use) => `${use.table}.${use.column}`))].sort();
}

beforeAll(loadSqlParser);

describe('analyzeSelect', () => {
  it('resolves plain, aliased and qualified columns to their tables', () => {
    expect(used('SELECT c.city, country FROM customers c WHERE c.id > 3')).toEqual(['customers.city', 'customers.country', 'customers.id']);
    expect(used('SELECT city, country FROM customers WHERE public.customers.id > 3')).toEqual([
      'customers.city',
      'customers.country',
      'customers.id',
    ]);
    expect(used('SELECT public.customers.city FROM public.customers')).toEqual(['customers.city']);
  });

  it('refuses a schema-qualified name for an aliased table, as PostgreSQL does (the alias hides the name)', () => {
    expect(analyze('SELECT c.city FROM customers c WHERE public.customers.id > 3').problems).toEqual([
      { code: 'unknown-table', message: '"public.customers" in "public.customers.id" is not a table or alias in this query.' },
    ]);
  });

  it('traces columns through subqueries, CTEs, LATERAL and set operations', () => {
    expect(used('SELECT x FROM (SELECT email AS x FROM customers) s')).toEqual(['customers.email']);
    expect(used('WITH t AS (SELECT phone FROM customers) SELECT count(*) FROM t')).toEqual(['customers.phone']);
    expect(used('SELECT o.id, l.n FROM orders o, LATERAL (SELECT count(*) AS n FROM order_items i WHERE i.order_id = o.id) l')).toEqual([
      'order_items.order_id',
      'orders.id',
    ]);
    expect(used('SELECT city FROM customers UNION SELECT name FROM products ORDER BY city')).toEqual(['customers.city', 'products.name']);
  });

  it('sees whole-row references, functional notation and field selection', () => {
    expect(used('SELECT to_jsonb(c) FROM products c')).toEqual(['products.category', 'products.id', 'products.name', 'products.price_cents']);
    expect(used('SELECT email(c) FROM customers c')).toEqual(['customers.email']);
    expect(used('SELECT (c).phone FROM customers c')).toEqual(['customers.phone']);
    expect(analyze('SELECT c FROM customers c').columnUses.every((use) => use.kind === 'whole-row')).toBe(true);
  });

  it('expands stars and follows views to their base columns', () => {
    expect(used('SELECT p.* FROM products p')).toEqual(['products.category', 'products.id', 'products.name', 'products.price_cents']);
    expect(used('SELECT contact FROM customer_contacts')).toEqual(['customer_contacts.contact', 'customers.email']);
  });

  it('resolves output names in ORDER BY and GROUP BY', () => {
    expect(used('SELECT country AS c, count(*) AS n FROM customers GROUP BY c ORDER BY n DESC')).toEqual(['customers.country']);
  });

  it('reports unknown tables, unknown columns and ambiguity', () => {
    expect(analyze('SELECT * FROM nope').problems[0]?.code).toBe('unknown-table');
    expect(analyze('SELECT nope FROM customers').problems[0]?.code).toBe('unknown-column');
    expect(analyze('SELECT id FROM customers, orders').problems[0]?.code).toBe('ambiguous-column');
    expect(analyze('SELECT * FROM pg_stats').problems[0]?.code).toBe('unknown-table');
    expect(analyze('SELECT * FROM pg_catalog.pg_class').problems[0]?.code).toBe('unknown-table');
  });

  it('accepts USING-merged columns and counts them as read on both sides', () => {
    const analysis = analyze('SELECT customer_id FROM orders JOIN support_tickets USING (customer_id) CROSS JOIN products');
    expect(analysis.problems).toEqual([]);
    expect(analysis.columnUses.filter((use) => use.clause === 'join').map((use) => `${use.table}.${use.column}`).sort()).toEqual([
      'orders.customer_id',
      'support_tickets.customer_id',
    ]);
  });

  it('collects function calls, including ones in FROM', () => {
    const names = analyze('SELECT pg_sleep(1), lower(city) FROM customers, generate_series(1, 3) g').functions.map((fn) => fn.name).sort();
    expect(names).toEqual(['generate_series', 'lower', 'pg_sleep']);
  });

  it('flags data-modifying CTEs and SELECT INTO', () => {
    expect(analyze('WITH d AS (DELETE FROM orders RETURNING id) SELECT * FROM d').problems[0]?.code).toBe('not-select');
    expect(analyze('SELECT * INTO copy FROM orders').problems[0]?.code).toBe('not-select');
  });
});

describe('views nested too deep', () => {
  it('are refused instead of traced forever', () => {
    const catalog = sampleCatalog();
    for (let level = 1; level <= 10; level += 1) {
      const below = level === 1 ? 'products' : `layer_${level - 1}`;
      catalog.tables.push({ ...catalog.tables[1]!, name: `layer_${level}`, kind: 'view', viewDefinition: `SELECT * FROM ${below}` });
    }
    const parsed = parseSql('SELECT name FROM layer_10');
    if (!parsed.ok) throw new Error(parsed.message);
    const analysis = analyzeSelect(parsed.parsed.statements[0]!, catalogResolver(catalog));
    expect(analysis.problems.map((problem) => problem.code)).toContain('unsupported');
    const shallow = parseSql('SELECT name FROM layer_3');
    if (!shallow.ok) throw new Error(shallow.message);
    expect(analyzeSelect(shallow.parsed.statements[0]!, catalogResolver(catalog)).problems).toEqual([]);
  });
});
