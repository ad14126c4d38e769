import { describe, expect, it } from 'vitest';
import type { KnownValue } from '../../src/fast-lane/verified-queries/normalize-question.ts';
import { createVerifiedQueryMatcher } from '../../src/fast-lane/verified-queries.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';

const knownValues = new Map<string, KnownValue>([
  ['cancelled', { column: 'orders.status', value: 'cancelled' }],
  ['refunded', { column: 'orders.status', value: 'refunded' }],
  ['shipped', { column: 'orders.status', value: 'shipped' }],
  ['portugal', { column: 'customers.country', value: 'PT' }],
  ['pt', { column: 'customers.country', value: 'PT' }],
  ['spain', { column: 'customers.country', value: 'ES' }],
  ["o'brien", { column: 'customers.last_name', value: "O'Brien" }],
  ["o'reilly", { column: 'customers.last_name', value: "O'Reilly" }],
]);

function matcher(datasource = 'sample') {
  const store = createMemoryStateStore();
  let id = 0;
  return { store, verified: createVerifiedQueryMatcher({ store, datasource, knownValues, now: () => 1_000, createId: () => `vq-${++id}` }) };
}

const cancelledIn2024 = "SELECT count(*) FROM orders WHERE status = 'cancelled' AND extract(year FROM ordered_at) = 2024";

describe('verified-query memory', () => {
  it('reuses a remembered query with new values and a new year', async () => {
    const { verified } = matcher();
    const stored = await verified.remember('How many orders were cancelled in 2024?', cancelledIn2024, 'slack:T1:U1');
    expect(stored?.template).toBe("SELECT count(*) FROM orders WHERE status = '{v1}' AND extract(year FROM ordered_at) = {d1}");
    const match = await verified.match('How many orders were refunded in 2023?');
    expect(match).toEqual({
      sql: "SELECT count(*) FROM orders WHERE status = 'refunded' AND extract(year FROM ordered_at) = 2023",
      explanation: 'Reuses the SQL verified for "How many orders were cancelled in 2024?" (by slack:T1:U1), with refunded in place of cancelled, 2023 in place of 2024.',
      source: 'verified-query',
    });
  });

  it('moves every bound of a period written as dates', async () => {
    const { verified } = matcher();
    await verified.remember(
      'How many orders were cancelled in 2024?',
      "SELECT count(*) FROM orders WHERE status = 'cancelled' AND ordered_at >= DATE '2024-01-01' AND ordered_at < DATE '2025-01-01'",
      'U1',
    );
    expect((await verified.match('how many orders were shipped in 2020'))?.sql).toBe(
      "SELECT count(*) FROM orders WHERE status = 'shipped' AND ordered_at >= DATE '2020-01-01' AND ordered_at < DATE '2021-01-01'",
    );
    await verified.remember('Revenue in Q1 2025', "SELECT sum(total) FROM orders WHERE ordered_at BETWEEN '2025-01-01' AND '2025-03-31'", 'U1');
    expect((await verified.match('revenue in Q4 2024'))?.sql).toBe("SELECT sum(total) FROM orders WHERE ordered_at BETWEEN '2024-10-01' AND '2024-12-31'");
    await verified.remember('Orders in March 2024', "SELECT count(*) FROM orders WHERE ordered_at >= '2024-03-01' AND ordered_at < '2024-04-01'", 'U1');
    expect((await verified.match('orders in February 2024'))?.sql).toBe("SELECT count(*) FROM orders WHERE ordered_at >= '2024-02-01' AND ordered_at < '2024-03-01'");
    await verified.remember('Orders on 2024-03-15', "SELECT count(*) FROM orders WHERE ordered_at >= '2024-03-15' AND ordered_at < '2024-03-16'", 'U1');
    expect((await verified.match('orders on 2024-12-31'))?.sql).toBe("SELECT count(*) FROM orders WHERE ordered_at >= '2024-12-31' AND ordered_at < '2025-01-01'");
  });

  it('reuses "top 5 products by revenue" for "top 10 products by revenue"', async () => {
    const { verified } = matcher();
    const sql = 'SELECT p.name, sum(oi.quantity * oi.unit_price) AS revenue FROM products p JOIN order_items oi ON oi.product_id = p.id GROUP BY p.name ORDER BY revenue DESC LIMIT 5';
    await verified.remember('top 5 products by revenue', sql, 'U1');
    expect((await verified.match('Top 10 products by revenue!'))?.sql).toBe(sql.replace('LIMIT 5', 'LIMIT 10'));
  });

  it('is insensitive to case, punctuation, stop words and plurals', async () => {
    const { verified } = matcher();
    await verified.remember('How many orders were cancelled in 2024?', cancelledIn2024, 'U1');
    expect(await verified.match('how many ORDER cancelled, during 2024')).not.toBeNull();
    expect(await verified.match('How many of the orders are cancelled in 2024')).not.toBeNull();
  });

  it('quotes a value containing a quote', async () => {
    const { verified } = matcher();
    await verified.remember("How many orders did O'Brien place?", "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.last_name = 'O''Brien'", 'U1');
    expect((await verified.match('How many orders did O’Reilly place?'))?.sql).toBe(
      "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.last_name = 'O''Reilly'",
    );
  });

  it('maps synonyms of a value to the stored value', async () => {
    const { verified } = matcher();
    await verified.remember('customers in Spain', "SELECT count(*) FROM customers WHERE country = 'ES'", 'U1');
    expect((await verified.match('customers in PT'))?.sql).toBe("SELECT count(*) FROM customers WHERE country = 'PT'");
    expect((await verified.match('customers in Portugal'))?.sql).toBe("SELECT count(*) FROM customers WHERE country = 'PT'");
  });

  it('does not match a question of another shape or with other slot types', async () => {
    const { verified } = matcher();
    await verified.remember('How many orders were cancelled in 2024?', cancelledIn2024, 'U1');
    expect(await verified.match('How many customers were cancelled in 2024?')).toBeNull();
    expect(await verified.match('How many orders were cancelled before 2024?')).toBeNull();
    expect(await verified.match('How many orders were cancelled in March 2024?')).toBeNull();
    expect(await verified.match('How many orders were cancelled in 2024 in Portugal?')).toBeNull();
    // Portugal is a value of another column: the slot types differ.
    expect(await verified.match('How many orders were Portugal in 2024?')).toBeNull();
    expect(await verified.match('How many orders were cancelled in 24?')).toBeNull();
  });

  it('does not take numbers inside words as slots', async () => {
    const { verified } = matcher();
    await verified.remember('revenue of sku4 in 2024', "SELECT sum(total) FROM sales WHERE sku = 'sku4' AND extract(year FROM sold_at) = 2024", 'U1');
    expect(await verified.match('revenue of sku7 in 2024')).toBeNull();
    expect((await verified.match('revenue of sku4 in 2023'))?.sql).toBe("SELECT sum(total) FROM sales WHERE sku = 'sku4' AND extract(year FROM sold_at) = 2023");
    await verified.remember('top5 covid-19 products', 'SELECT name FROM products ORDER BY sales DESC LIMIT 19', 'U1');
    expect(await verified.match('top5 covid-20 products')).toBeNull();
    expect(await verified.match('top6 covid-19 products')).toBeNull();
  });

  it('keeps a pair whose value is not in the SQL for the same question only', async () => {
    const { verified } = matcher();
    const sql = "SELECT count(*) FROM orders WHERE status = 'cancelled' AND ordered_at >= now() - interval '1 year'";
    const stored = await verified.remember('How many orders were cancelled in 2024?', sql, 'U1');
    expect(stored?.template).toBeNull();
    expect(stored?.normalizedQuestion).toBe('how many order {orders.status=cancelled} {year=2024}');
    expect((await verified.match('how many orders were cancelled in 2024'))?.sql).toBe(sql);
    expect(await verified.match('How many orders were refunded in 2024?')).toBeNull();
    expect(await verified.match('How many orders were cancelled in 2023?')).toBeNull();
  });

  it('refuses a template when one literal could be either of two slots or appears twice', async () => {
    const { verified } = matcher();
    const twice = await verified.remember('top 2 categories', 'SELECT category, count(*) FROM products GROUP BY 1 ORDER BY 2 DESC LIMIT 2', 'U1');
    expect(twice?.template).toBeNull();
    expect(await verified.match('top 3 categories')).toBeNull();
    const ambiguous = await verified.remember('orders between 2023 and 2024', "SELECT count(*) FROM orders WHERE ordered_at >= '2023-01-01' AND ordered_at < '2024-01-01'", 'U1');
    expect(ambiguous?.template).toBeNull();
    const clear = await verified.remember('orders from 2023 to 2024', "SELECT count(*) FROM orders WHERE ordered_at >= '2023-01-01' AND ordered_at < '2025-01-01'", 'U1');
    expect(clear?.template).toBe("SELECT count(*) FROM orders WHERE ordered_at >= '{d1:start}' AND ordered_at < '{d2:end}'");
    expect((await verified.match('orders from 2020 to 2021'))?.sql).toBe("SELECT count(*) FROM orders WHERE ordered_at >= '2020-01-01' AND ordered_at < '2022-01-01'");
  });

  it('leaves literals in comments, identifiers and escape strings alone', async () => {
    const { verified } = matcher();
    const sql = `SELECT count(*) AS "top 5" FROM orders /* 5 */ WHERE note <> E'5\\'' -- 5\nLIMIT 5`;
    const stored = await verified.remember('top 5 orders', sql, 'U1');
    expect(stored?.template).toBe(`SELECT count(*) AS "top 5" FROM orders /* 5 */ WHERE note <> E'5\\'' -- 5\nLIMIT {n1}`);
  });

  it('stores SQL that already contains marker-like text as exact-match only', async () => {
    const { verified } = matcher();
    const stored = await verified.remember('top 5 tags', "SELECT tag FROM tags WHERE tag <> '{n1}' LIMIT 5", 'U1');
    expect(stored?.template).toBeNull();
  });

  it('replaces a remembered template with a newer verification and keeps datasources apart', async () => {
    const { store, verified } = matcher();
    await verified.remember('How many orders were cancelled in 2024?', cancelledIn2024, 'U1');
    await verified.remember('How many orders were refunded in 2023?', "SELECT count(*) FROM orders WHERE status = 'refunded' AND date_part('year', ordered_at) = 2023", 'U2');
    expect(await store.listVerifiedQueries('sample')).toHaveLength(1);
    expect((await verified.match('How many orders were shipped in 2022?'))?.sql).toBe("SELECT count(*) FROM orders WHERE status = 'shipped' AND date_part('year', ordered_at) = 2022");
    const other = createVerifiedQueryMatcher({ store, datasource: 'warehouse', knownValues });
    expect(await other.match('How many orders were shipped in 2022?')).toBeNull();
  });

  it('does not remember or match a question without content words', async () => {
    const { store, verified } = matcher();
    expect(await verified.remember('Show me what is there?', 'SELECT 1', 'U1')).toBeNull();
    expect(await verified.match('show me')).toBeNull();
    expect(await store.listVerifiedQueries('sample')).toEqual([]);
  });
});
