import { describe, expect, it } from 'vitest';
import { readMetricExpression, writeMetricExpression } from '../../src/catalog/metric-expression.ts';
import { abstainReason, answeredSql, sampleToday, shopParser } from './shop-parser.ts';

/** Metrics of the semantic file ("revenue" = sum of quantity × unit price): asked by name, grouped, ranked; money stays cents. */

const parser = shopParser();
const sql = (question: string) => answeredSql(parser.answer(question, sampleToday));
const reason = (question: string) => abstainReason(parser.answer(question, sampleToday));
const revenue = 'sum(oi.quantity * oi.unit_price_cents)';

describe('metrics', () => {
  it.each([
    ['What were total sales by month in 2024?', `SELECT extract(year FROM o.created_at)::int AS year, extract(month FROM o.created_at)::int AS month, ${revenue} AS total_revenue_cents FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.created_at >= '2024-01-01' AND o.created_at < '2025-01-01' GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 100`],
    ['revenue per product category', `SELECT p.category, ${revenue} AS total_revenue_cents FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.category ORDER BY ${revenue} DESC, p.category LIMIT 100`],
    ['Which product category earned the most revenue?', `SELECT p.category, ${revenue} AS total_revenue_cents FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.category ORDER BY ${revenue} DESC, p.category LIMIT 1`],
    ['What is the turnover of cancelled orders in 2024, in euros?', `SELECT ${revenue} / 100.0 AS total_revenue_euros FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.status = 'cancelled' AND o.created_at >= '2024-01-01' AND o.created_at < '2025-01-01'`],
  ])('%s', (question, expected) => {
    expect(sql(question)).toBe(expected);
  });

  it('ranks rows of a related table by a metric', () => {
    expect(sql('Top 5 products by revenue in 2024')).toContain(`GROUP BY p.id, p.name ORDER BY ${revenue} DESC, p.id, p.name LIMIT 5`);
  });

  it('is aggregated only its own way, and never compared row by row', () => {
    expect(reason('What is the average revenue?')).toBe('revenue is a total; it cannot be aggregated another way');
    expect(parser.answer('Which orders have revenue over 100 euros?', sampleToday).kind).toBe('abstained');
    // "sales" is also the orders table: counting sales counts orders.
    expect(sql('How many sales in 2024?')).toBe("SELECT count(*) AS orders FROM orders o WHERE o.created_at >= '2024-01-01' AND o.created_at < '2025-01-01'");
  });
});

describe('metric expressions', () => {
  const columns = ['quantity', 'unit_price_cents', 'Discount'];

  it('read the table\'s columns, numbers, operators and a few functions', () => {
    const read = readMetricExpression('round(quantity * unit_price_cents * (1 - "Discount"), 2)', columns);
    expect(read.ok && writeMetricExpression(read.tokens, (column) => `oi.${column}`)).toBe('round(oi.quantity * oi.unit_price_cents * (1 - oi.Discount), 2)');
    expect(read.ok && read.columns).toEqual(['quantity', 'unit_price_cents', 'Discount']);
  });

  it.each([
    ['quantity; DROP TABLE orders', '";" is not allowed'],
    ['(SELECT max(quantity) FROM order_items)', 'no column "SELECT"'],
    ['pg_sleep(1) + quantity', 'function "pg_sleep" is not allowed'],
    ['quantity::text', 'casts only to numeric types'],
    ['price * 2', 'no column "price"'],
    ['(quantity * 2', 'unbalanced parentheses'],
    ['42', 'reads no column'],
  ])('refuse %s', (expression, problem) => {
    const read = readMetricExpression(expression, columns);
    expect(read.ok ? 'accepted' : read.problem).toContain(problem);
  });
});
