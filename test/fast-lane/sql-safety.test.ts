import { beforeAll, describe, expect, it } from 'vitest';
import { sqlAlias, sqlDate, sqlIdentifier, sqlNumber, sqlString } from '../../src/fast-lane/compile/sql-text.ts';
import { validateSql } from '../../src/pipeline/validate-sql.ts';
import { loadSqlParser } from '../../src/sql/parse-sql.ts';
import { answeredSql, sampleToday, shopCatalog, shopParser } from './shop-parser.ts';

/** Values are literals the compiler writes itself; every statement it returns is one valid SELECT over the catalog. */

beforeAll(loadSqlParser);

describe('SQL text', () => {
  it('doubles single quotes in literals and refuses NUL', () => {
    expect(sqlString("Men's Wear")).toBe("'Men''s Wear'");
    expect(sqlString("x'; DROP TABLE orders; --")).toBe("'x''; DROP TABLE orders; --'");
    expect(() => sqlString('a\0b')).toThrow(RangeError);
  });

  it('quotes identifiers only when PostgreSQL needs it', () => {
    expect(sqlIdentifier('created_at')).toBe('created_at');
    expect(sqlIdentifier('loanedAt')).toBe('"loanedAt"');
    expect(sqlIdentifier('order')).toBe('"order"');
    expect(sqlIdentifier('year')).toBe('"year"');
    expect(sqlIdentifier('odd"name')).toBe('"odd""name"');
  });

  it('writes only finite numbers, real dates and safe aliases', () => {
    expect(sqlNumber(10000)).toBe('10000');
    expect(() => sqlNumber(Number.NaN)).toThrow(RangeError);
    expect(sqlDate('2025-06-01')).toBe("'2025-06-01'");
    expect(() => sqlDate("2025-06-01' OR 1=1")).toThrow(RangeError);
    expect(sqlAlias(['total', 'price', 'euros'])).toBe('total_price_euros');
    expect(sqlAlias(['order'])).toBe('"order"');
    expect(sqlAlias(["x'); DROP"])).toBe('x_drop');
  });
});

describe('compiled statements', () => {
  const parser = shopParser();

  it('inline a value holding a quote as one literal', () => {
    expect(answeredSql(parser.answer("How many products in Men's Wear?", sampleToday))).toBe("SELECT count(*) AS products FROM products p WHERE p.category = 'Men''s Wear'");
    expect(answeredSql(parser.answer('How many units of "x\'; DROP TABLE orders; --" were sold?', sampleToday))).toBe(
      "SELECT sum(oi.quantity) AS total_quantity FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE p.name = 'x''; DROP TABLE orders; --'",
    );
  });

  it.each([
    'How many units of "x\'; DROP TABLE orders; --" were sold?',
    "How many products in Men's Wear?",
    'How many orders have been placed per customer country?',
    'How many units were sold to customers in Portugal last year?',
    'What is the average order total in euros, rounded to 2 decimals?',
    'What is the total quantity sold, rounded to 1 decimal?',
    'Top 5 products by units sold',
    'Which 5 cities have the most customers?',
    'How many support tickets were opened per month in 2025?',
    'Orders per week in June 2025',
    'How many orders per day last week?',
    'Which countries do we have customers in?',
    'Which employee (by id) has no manager?',
    'What are the 5 products with the highest price in euros?',
    'How many different customers placed at least one order in 2024?',
    'How many orders were not cancelled?',
    'How many products cost between 10 and 20 euros?',
  ])('%s is one valid SELECT over the catalog', async (question) => {
    const outcome = parser.answer(question, sampleToday);
    if (outcome.kind !== 'answered') throw new Error(outcome.reason);
    const validation = await validateSql(outcome.sql, shopCatalog());
    expect(validation.ok, validation.ok ? '' : validation.problems.map((problem) => problem.message).join('; ')).toBe(true);
    expect(outcome.sql).toMatch(/^SELECT /);
  });
});
