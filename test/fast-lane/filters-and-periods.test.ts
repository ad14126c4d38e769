import { describe, expect, it } from 'vitest';
import { answeredSql, sampleToday, shopParser } from './shop-parser.ts';

/** Filters from the value index, numeric comparisons, negation and periods, against the sample's today (2025-07-01). */

const parser = shopParser();
const sql = (question: string, today = sampleToday) => answeredSql(parser.answer(question, today));
const where = (question: string, today = sampleToday) => /WHERE (.*?)(?: GROUP BY| ORDER BY| LIMIT|$)/.exec(sql(question, today))?.[1];

describe('values from the value index', () => {
  it.each([
    ['How many orders were cancelled?', "o.status = 'cancelled'"],
    ['How many customers live in Germany?', "c.country = 'DE'"],
    ['How many customers are from the United Kingdom?', "c.country = 'GB'"],
    ['How many customers are in the US?', "c.country = 'US'"],
    ['How many customers in PT?', "c.country = 'PT'"],
    ['How many customers live in Berlin?', "c.city = 'Berlin'"],
    ['How many customers in Sao Paulo?', "c.city = 'São Paulo'"],
    ['How many products are in the Electronics category?', "p.category = 'Electronics'"],
    ['How many orders are currently in status pending?', "o.status = 'pending'"],
    ['How many people work in Engineering?', "e.department = 'Engineering'"],
    ['How many "Refund request" tickets were opened?', "st.subject = 'Refund request'"],
    ['How many customers in Portugal or Spain?', "c.country IN ('PT', 'ES')"],
    ['How many orders in 2024 were pending or paid?', "o.status IN ('pending', 'paid') AND o.created_at >= '2024-01-01' AND o.created_at < '2025-01-01'"],
  ])('%s', (question, expected) => {
    expect(where(question)).toBe(expected);
  });

  it('never reads the word "in" as India or "it" as Italy: short codes match only as typed', () => {
    expect(where('How many customers are there in Portugal?')).toBe("c.country = 'PT'");
    expect(where('How many customers in IN?')).toBe("c.country = 'IN'");
    expect(where('How many customers in IT?')).toBe("c.country = 'IT'");
  });
});

describe('negation', () => {
  it.each([
    ['How many orders were not cancelled?', "o.status <> 'cancelled'"],
    ['What is the total value in euros of orders placed this year, not counting cancelled or refunded orders?', "o.status NOT IN ('cancelled', 'refunded') AND o.created_at >= '2025-01-01' AND o.created_at < '2026-01-01'"],
    ['How many customers excluding Portugal?', "c.country <> 'PT'"],
    ['How many employees have no manager?', 'e.manager_id IS NULL'],
  ])('%s', (question, expected) => {
    expect(where(question)).toBe(expected);
  });
});

describe('numeric comparisons', () => {
  it.each([
    ['How many products have a list price above 100 euros?', 'p.price_cents > 10000'],
    ['How many products cost less than 10 euros?', 'p.price_cents < 1000'],
    ['How many orders over 100 euros?', 'o.total_cents > 10000'],
    ['How many orders have a total of at least 500 euros?', 'o.total_cents >= 50000'],
    ['How many products cost between 10 and 20 euros?', 'p.price_cents BETWEEN 1000 AND 2000'],
    ['How many products cost between 1000 and 2000 cents?', 'p.price_cents BETWEEN 1000 AND 2000'],
    ['How many order lines have a quantity of at least 3?', 'oi.quantity >= 3'],
    ['How many order lines with quantity over 3?', 'oi.quantity > 3'],
    ['How many orders has customer 100 placed?', 'o.customer_id = 100'],
    ['How many employees report directly to employee 1?', 'e.manager_id = 1'],
  ])('%s', (question, expected) => {
    expect(where(question)).toBe(expected);
  });
});

describe('periods', () => {
  const range = (from: string, to: string) => `o.created_at >= '${from}' AND o.created_at < '${to}'`;
  it.each([
    ['How many orders were placed in 2024?', range('2024-01-01', '2025-01-01')],
    ['How many orders last month?', range('2025-06-01', '2025-07-01')],
    ['How many orders this year?', range('2025-01-01', '2026-01-01')],
    ['How many orders last year?', range('2024-01-01', '2025-01-01')],
    ['How many orders yesterday?', range('2025-06-30', '2025-07-01')],
    ['How many orders today?', range('2025-07-01', '2025-07-02')],
    ['How many orders this week?', range('2025-06-30', '2025-07-07')],
    ['How many orders last quarter?', range('2025-04-01', '2025-07-01')],
    ['How many orders in Q1 2025?', range('2025-01-01', '2025-04-01')],
    ['How many orders were placed in the first quarter of 2025?', range('2025-01-01', '2025-04-01')],
    ['How many orders in H1 2025?', range('2025-01-01', '2025-07-01')],
    ['How many orders in December 2024?', range('2024-12-01', '2025-01-01')],
    ['How many orders in the last 30 days?', range('2025-06-01', '2025-07-01')],
    ['How many orders in the past 2 weeks?', range('2025-06-17', '2025-07-01')],
    ['How many orders in the last 3 months?', range('2025-04-01', '2025-07-01')],
    ['How many orders between 2022 and 2023?', range('2022-01-01', '2024-01-01')],
    ['How many orders between March and May 2025?', range('2025-03-01', '2025-06-01')],
    ['How many orders on 2025-06-30?', range('2025-06-30', '2025-07-01')],
    ['How many orders since March?', "o.created_at >= '2025-03-01'"],
    ['How many orders since 2024?', "o.created_at >= '2024-01-01'"],
    ['How many orders before 2023?', "o.created_at < '2023-01-01'"],
    ['How many orders after 2024?', "o.created_at >= '2025-01-01'"],
  ])('%s', (question, expected) => {
    expect(where(question)).toBe(expected);
  });

  it('reads a month without a year as its latest occurrence before today', () => {
    expect(where('How many orders in August?')).toBe("o.created_at >= '2024-08-01' AND o.created_at < '2024-09-01'");
    expect(where('How many orders in June?')).toBe("o.created_at >= '2025-06-01' AND o.created_at < '2025-07-01'");
  });

  it('follows the pinned today, across a leap year', () => {
    const today = { today: '2024-03-31' };
    expect(where('How many orders last month?', today)).toBe("o.created_at >= '2024-02-01' AND o.created_at < '2024-03-01'");
    expect(where('How many orders in the last 1 month?', today)).toBe("o.created_at >= '2024-02-29' AND o.created_at < '2024-03-31'");
    expect(where('How many orders this quarter?', today)).toBe("o.created_at >= '2024-01-01' AND o.created_at < '2024-04-01'");
  });

  it('uses the date the question names, over the base table’s own', () => {
    expect(where('How many orders were placed by customers that signed up in 2024?')).toBe("c.created_at >= '2024-01-01' AND c.created_at < '2025-01-01'");
  });
});
