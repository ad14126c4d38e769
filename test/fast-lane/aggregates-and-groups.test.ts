import { describe, expect, it } from 'vitest';
import { answeredSql, sampleToday, shopParser } from './shop-parser.ts';

/** Counts, sums, averages, extremes, groups, joins and ordering over the sample shop, without a database. */

const parser = shopParser();
const sql = (question: string) => answeredSql(parser.answer(question, sampleToday));

describe('aggregates', () => {
  it.each([
    ['How many customers are there?', 'SELECT count(*) AS customers FROM customers c'],
    ['Number of orders', 'SELECT count(*) AS orders FROM orders o'],
    ['How many support tickets have been opened?', 'SELECT count(*) AS support_tickets FROM support_tickets st'],
    ['How many items are there?', 'SELECT count(*) AS products FROM products p'],
    ['In how many different countries do we have customers?', 'SELECT count(DISTINCT c.country) AS country_count FROM customers c'],
    ['How many units have been sold in total?', 'SELECT sum(oi.quantity) AS total_quantity FROM order_items oi'],
    ['What is the average list price?', 'SELECT avg(p.price_cents) AS average_price_cents FROM products p'],
    ['What is the average order total in euros, rounded to 2 decimals?', 'SELECT round(avg(o.total_cents) / 100.0, 2) AS average_total_euros FROM orders o'],
    ['What is the total revenue in euros?', 'SELECT sum(oi.quantity * oi.unit_price_cents) / 100.0 AS total_revenue_euros FROM order_items oi'],
    ['What is the total order value in euros?', 'SELECT sum(o.total_cents) / 100.0 AS total_euros FROM orders o'],
    ['What are the lowest and the highest list prices, in cents?', 'SELECT min(p.price_cents) AS lowest_price_cents, max(p.price_cents) AS highest_price_cents FROM products p'],
    ['What is the largest order total ever, in cents?', 'SELECT max(o.total_cents) AS highest_total_cents FROM orders o'],
    ['When was the very first order placed?', 'SELECT min(o.created_at) AS first_created FROM orders o'],
    ['When was the most recent order placed?', 'SELECT max(o.created_at) AS last_created FROM orders o'],
  ])('%s', (question, expected) => {
    expect(sql(question)).toBe(expected);
  });

  it('counts distinct customers through the orders that refer to them', () => {
    expect(sql('How many different customers placed at least one order in 2024?')).toBe(
      "SELECT count(DISTINCT o.customer_id) AS customers FROM orders o WHERE o.created_at >= '2024-01-01' AND o.created_at < '2025-01-01'",
    );
    expect(sql('How many customers have support tickets?')).toBe('SELECT count(DISTINCT st.customer_id) AS customers FROM support_tickets st');
  });

  it('rounds sums of integers through numeric, so round(x, n) exists', () => {
    expect(sql('What is the total quantity sold, rounded to 1 decimal?')).toBe('SELECT round((sum(oi.quantity))::numeric, 1) AS total_quantity FROM order_items oi');
  });
});

describe('groups', () => {
  it.each([
    ['Number of customers per country.', 'SELECT c.country, count(*) AS customers FROM customers c GROUP BY c.country ORDER BY count(*) DESC, c.country LIMIT 100'],
    ['How many orders by status?', 'SELECT o.status, count(*) AS orders FROM orders o GROUP BY o.status ORDER BY count(*) DESC, o.status LIMIT 100'],
    ['How many products are in each category?', 'SELECT p.category, count(*) AS products FROM products p GROUP BY p.category ORDER BY count(*) DESC, p.category LIMIT 100'],
    ['Orders by status', 'SELECT o.status, count(*) AS orders FROM orders o GROUP BY o.status ORDER BY count(*) DESC, o.status LIMIT 100'],
    ['Number of orders per year and status', 'SELECT extract(year FROM o.created_at)::int AS year, o.status, count(*) AS orders FROM orders o GROUP BY 1, o.status ORDER BY count(*) DESC, 1, o.status LIMIT 100'],
    [
      'How many orders were placed in each calendar year? Give the year as a number.',
      'SELECT extract(year FROM o.created_at)::int AS year, count(*) AS orders FROM orders o GROUP BY 1 ORDER BY 1 LIMIT 100',
    ],
    [
      'How many support tickets were opened per month in 2025?',
      "SELECT extract(year FROM st.created_at)::int AS year, extract(month FROM st.created_at)::int AS month, count(*) AS support_tickets FROM support_tickets st WHERE st.created_at >= '2025-01-01' AND st.created_at < '2026-01-01' GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 100",
    ],
    ['Orders per week in June 2025', "SELECT date_trunc('week', o.created_at)::date AS week, count(*) AS orders FROM orders o WHERE o.created_at >= '2025-06-01' AND o.created_at < '2025-07-01' GROUP BY 1 ORDER BY 1 LIMIT 100"],
    ['How many employees per manager?', 'SELECT e.manager_id, count(*) AS employees FROM employees e GROUP BY e.manager_id ORDER BY count(*) DESC, e.manager_id LIMIT 100'],
    ['How many order lines are there for each quantity value?', 'SELECT oi.quantity, count(*) AS order_items FROM order_items oi GROUP BY oi.quantity ORDER BY count(*) DESC, oi.quantity LIMIT 100'],
  ])('%s', (question, expected) => {
    expect(sql(question)).toBe(expected);
  });
});

describe('joins along foreign keys', () => {
  it('joins one hop to filter or group by a referenced table', () => {
    expect(sql('How many orders have been placed per customer country?')).toBe(
      'SELECT c.country, count(*) AS orders FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country ORDER BY count(*) DESC, c.country LIMIT 100',
    );
    expect(sql('How many units were sold per product category?')).toBe(
      'SELECT p.category, sum(oi.quantity) AS total_quantity FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.category ORDER BY sum(oi.quantity) DESC, p.category LIMIT 100',
    );
  });

  it('joins two hops, and takes the period from the nearest table that has a date', () => {
    expect(sql('How many units were sold to customers in Portugal last year?')).toBe(
      "SELECT sum(oi.quantity) AS total_quantity FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN customers c ON c.id = o.customer_id WHERE c.country = 'PT' AND o.created_at >= '2024-01-01' AND o.created_at < '2025-01-01'",
    );
  });

  it('groups by a referenced entity by its key and, when it has one, its name', () => {
    expect(sql('How many orders per customer?')).toBe('SELECT o.customer_id, count(*) AS orders FROM orders o GROUP BY o.customer_id ORDER BY count(*) DESC, o.customer_id LIMIT 100');
    expect(sql('How many units of each product were sold?')).toBe(
      'SELECT p.id, p.name, sum(oi.quantity) AS total_quantity FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.id, p.name ORDER BY sum(oi.quantity) DESC, p.id, p.name LIMIT 100',
    );
  });
});

describe('ordering, top N and lists', () => {
  it.each([
    ['Which country has the most customers?', 'SELECT c.country, count(*) AS customers FROM customers c GROUP BY c.country ORDER BY count(*) DESC, c.country LIMIT 1'],
    ['Which country has the fewest customers?', 'SELECT c.country, count(*) AS customers FROM customers c GROUP BY c.country ORDER BY count(*), c.country LIMIT 1'],
    ['Which 5 cities have the most customers, from most to fewest?', 'SELECT c.city, count(*) AS customers FROM customers c GROUP BY c.city ORDER BY count(*) DESC, c.city LIMIT 5'],
    ['What is the most common support ticket subject?', 'SELECT st.subject, count(*) AS support_tickets FROM support_tickets st GROUP BY st.subject ORDER BY count(*) DESC, st.subject LIMIT 1'],
    ['Top 5 products by units sold', 'SELECT p.id, p.name, sum(oi.quantity) AS total_quantity FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.id, p.name ORDER BY sum(oi.quantity) DESC, p.id, p.name LIMIT 5'],
    ['Which 5 customers (by id) placed the most orders?', 'SELECT o.customer_id, count(*) AS orders FROM orders o GROUP BY o.customer_id ORDER BY count(*) DESC, o.customer_id LIMIT 5'],
    ['Which product has the highest list price?', 'SELECT p.id, p.name, p.price_cents FROM products p ORDER BY p.price_cents DESC, p.id LIMIT 1'],
    ['List the 5 most expensive products, most expensive first.', 'SELECT p.id, p.name, p.price_cents FROM products p ORDER BY p.price_cents DESC, p.id LIMIT 5'],
    ['What are the 10 cheapest products?', 'SELECT p.id, p.name, p.price_cents FROM products p ORDER BY p.price_cents, p.id LIMIT 10'],
    ['the 3 largest orders', 'SELECT o.id, o.total_cents FROM orders o ORDER BY o.total_cents DESC, o.id LIMIT 3'],
    ['most recent 10 orders', 'SELECT o.id, o.created_at FROM orders o ORDER BY o.created_at DESC, o.id LIMIT 10'],
    ['Which product categories are there?', 'SELECT DISTINCT p.category FROM products p ORDER BY p.category LIMIT 100'],
    ['Which countries do we have customers in?', 'SELECT DISTINCT c.country FROM customers c ORDER BY c.country LIMIT 100'],
    ['List the products in the Books category', "SELECT p.id, p.name FROM products p WHERE p.category = 'Books' ORDER BY p.id LIMIT 100"],
    ['Which employee (by id) has no manager?', 'SELECT e.id FROM employees e WHERE e.manager_id IS NULL ORDER BY e.id LIMIT 100'],
  ])('%s', (question, expected) => {
    expect(sql(question)).toBe(expected);
  });

  it('shows money in euros when asked, still ordering by the stored column', () => {
    expect(sql('What are the 5 products with the highest price in euros?')).toBe(
      'SELECT p.id, p.name, p.price_cents / 100.0 AS price_euros FROM products p ORDER BY p.price_cents DESC, p.id LIMIT 5',
    );
  });

  it('says what it computed in plain words', () => {
    const outcome = parser.answer('How many orders placed last month were cancelled?', sampleToday);
    expect(outcome).toMatchObject({ kind: 'answered', source: 'semantic-parser' });
    expect(outcome.kind === 'answered' && outcome.explanation).toBe('Counts orders, where order status is cancelled and order created last month.');
  });
});
