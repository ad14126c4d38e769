import { deparseSync } from 'pgsql-deparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicies } from '../../src/config/policies.ts';
import type { PolicyInput, RuleOutcome } from '../../src/governance/policy-types.ts';
import { checkCrossJoins } from '../../src/governance/rules/cross-join.ts';
import { checkFunctions } from '../../src/governance/rules/functions.ts';
import { enforceLimit } from '../../src/governance/rules/limit.ts';
import { checkPii } from '../../src/governance/rules/pii.ts';
import { checkRecursion } from '../../src/governance/rules/recursion.ts';
import { validateSql } from '../../src/pipeline/validate-sql.ts';
import { loadSqlParser } from '../../src/sql/parse-sql.ts';
import { sampleCatalog } from '../support/sample-catalog.ts';

async function policyInput(sql: string, entitlements: string[] = []): Promise<PolicyInput> {
  const validation = await validateSql(sql, sampleCatalog());
  if (!validation.ok) throw new Error(validation.problems.map((problem) => problem.message).join(' '));
  return { statement: validation.statement, analysis: validation.analysis, catalog: sampleCatalog(), limits: defaultPolicies.limits, entitlements: new Set(entitlements) };
}

const kind = (outcome: RuleOutcome) => outcome.kind;
const render = (input: PolicyInput) => deparseSync(input.statement as never, { pretty: false });

beforeAll(loadSqlParser);

describe('functions rule', () => {
  it.each([
    'SELECT pg_sleep(1)',
    'SELECT pg_catalog.pg_sleep(1)',
    'SELECT "pg_sleep"(1)',
    "SELECT set_config('search_path', 'x', false)",
    "SELECT current_setting('server_version')",
    'SELECT id FROM orders ORDER BY pg_advisory_lock(id)',
    'SELECT * FROM (SELECT txid_current()) t',
    "SELECT lo_from_bytea(0, 'x')",
    "SELECT query_to_xml('select 1', true, true, '')",
    'SELECT public.lower(city) FROM customers',
  ])('refuses %s', async (sql) => {
    expect(kind(checkFunctions(await policyInput(sql)))).toBe('violation');
  });

  it.each([
    "SELECT date_trunc('month', created_at), count(*) FROM orders GROUP BY 1",
    'SELECT extract(year FROM created_at) FROM orders',
    "SELECT created_at AT TIME ZONE 'UTC' FROM orders",
    "SELECT d FROM generate_series('2025-01-01'::date, '2025-06-01'::date, interval '1 month') d",
    'SELECT round(avg(total_cents) / 100.0, 2), lower(status), row_number() OVER (ORDER BY id) FROM orders GROUP BY status, id',
  ])('allows %s', async (sql) => {
    expect(kind(checkFunctions(await policyInput(sql)))).toBe('pass');
  });
});

describe('PII rule', () => {
  it.each([
    'SELECT email FROM customers',
    'SELECT c.email AS contact FROM customers c',
    'SELECT c FROM customers c',
    'SELECT to_jsonb(c) FROM customers c',
    'SELECT count(c.*) FROM customers c',
    "SELECT string_agg(email, ',') FROM customers",
    "SELECT id FROM customers WHERE email LIKE 'a%'",
    'SELECT id FROM customers ORDER BY phone',
    'SELECT email(c) FROM customers c',
    'SELECT (c).email FROM customers c',
    'SELECT x FROM (SELECT full_name AS x FROM customers) s',
    'WITH t AS (SELECT street_address FROM customers) SELECT count(*) FROM t',
    'SELECT city FROM customers UNION SELECT email FROM employees',
    'SELECT avg(salary_cents) FROM employees',
    'SELECT contact FROM customer_contacts',
  ])('refuses %s without entitlement', async (sql) => {
    const outcome = checkPii(await policyInput(sql));
    expect(kind(outcome)).toBe('violation');
  });

  it('names the column and the entitlement needed', async () => {
    const outcome = checkPii(await policyInput('SELECT email FROM customers'));
    expect(outcome).toMatchObject({ kind: 'violation', violation: { rule: 'pii', message: expect.stringContaining('customers.email'), hint: expect.stringContaining('pii:customers.email') } });
  });

  it('allows entitled askers, with exact, table and global grants', async () => {
    expect(kind(checkPii(await policyInput('SELECT email FROM customers', ['pii:customers.email'])))).toBe('pass');
    expect(kind(checkPii(await policyInput('SELECT email, phone FROM customers', ['pii:customers.*'])))).toBe('pass');
    expect(kind(checkPii(await policyInput('SELECT body FROM support_tickets', ['pii:*'])))).toBe('pass');
    expect(kind(checkPii(await policyInput('SELECT phone FROM customers', ['pii:customers.email'])))).toBe('violation');
  });

  it('narrows * to the columns the asker may see and says which were hidden', async () => {
    const input = await policyInput('SELECT * FROM customers');
    const outcome = checkPii(input);
    expect(outcome).toMatchObject({ kind: 'rewrite', hiddenColumns: ['customers.full_name', 'customers.email', 'customers.phone', 'customers.street_address'] });
    expect(render(input)).toBe('SELECT customers.id, customers.city, customers.country, customers.created_at FROM customers');
  });

  it('narrows t.* inside joins and subqueries', async () => {
    const input = await policyInput('SELECT s.* FROM (SELECT c.*, o.total_cents FROM customers c JOIN orders o ON o.customer_id = c.id) s');
    expect(kind(checkPii(input))).toBe('rewrite');
    expect(render(input)).not.toMatch(/email|phone|full_name|street_address/);
  });

  it('lets a non-PII alias named like a PII column through', async () => {
    expect(kind(checkPii(await policyInput('SELECT city AS email FROM customers')))).toBe('pass');
    expect(kind(checkPii(await policyInput('SELECT count(*) FROM customers')))).toBe('pass');
  });
});

describe('LIMIT rule', () => {
  it.each([
    ['SELECT id FROM orders', 'SELECT id FROM orders LIMIT 100'],
    ['SELECT id FROM orders LIMIT ALL', 'SELECT id FROM orders LIMIT 1000'],
    ['SELECT id FROM orders LIMIT NULL', 'SELECT id FROM orders LIMIT 1000'],
    ['SELECT id FROM orders LIMIT 5000000', 'SELECT id FROM orders LIMIT 1000'],
    ['SELECT id FROM orders LIMIT (SELECT 5)', 'SELECT id FROM orders LIMIT 1000'],
    ['SELECT id FROM orders FETCH FIRST 2000 ROWS ONLY', 'SELECT id FROM orders LIMIT 1000'],
    ['SELECT id FROM orders UNION SELECT id FROM products', 'SELECT id FROM orders UNION SELECT id FROM products LIMIT 100'],
  ])('%s becomes %s', async (sql, expected) => {
    const input = await policyInput(sql);
    expect(kind(enforceLimit(input))).toBe('rewrite');
    expect(render(input)).toBe(expected);
  });

  it('keeps a limit within the maximum', async () => {
    const input = await policyInput('SELECT id FROM orders LIMIT 10');
    expect(kind(enforceLimit(input))).toBe('pass');
  });
});

describe('cross-join rule', () => {
  it.each([
    'SELECT count(*) FROM orders CROSS JOIN order_items',
    'SELECT count(*) FROM orders, order_items',
    'SELECT count(*) FROM orders o JOIN order_items i ON true',
    'SELECT count(*) FROM orders o JOIN order_items i ON 1 = 1',
    'SELECT count(*) FROM orders o JOIN products p ON o.id > 5',
    'SELECT count(*) FROM order_items NATURAL JOIN customers',
    'SELECT count(*) FROM (SELECT * FROM orders) a, (SELECT * FROM order_items) b WHERE a.id > 3',
  ])('refuses %s', async (sql) => {
    expect(kind(checkCrossJoins(await policyInput(sql)))).toBe('violation');
  });

  it.each([
    'SELECT count(*) FROM orders o JOIN order_items i ON i.order_id = o.id',
    'SELECT count(*) FROM orders o, order_items i WHERE i.order_id = o.id AND o.status = \'paid\'',
    'SELECT count(*) FROM orders JOIN customers USING (id)',
    'SELECT * FROM (VALUES (1), (2)) v(x) CROSS JOIN orders',
    'SELECT count(*) FROM customers CROSS JOIN products',
  ])('allows %s', async (sql) => {
    expect(kind(checkCrossJoins(await policyInput(sql)))).toBe('pass');
  });
});

describe('recursion rule', () => {
  it('refuses a recursive CTE with no stop condition and allows a bounded one', async () => {
    expect(kind(checkRecursion(await policyInput('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r')))).toBe('violation');
    expect(kind(checkRecursion(await policyInput('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT count(*) FROM r')))).toBe('pass');
  });
});
