import { describe, expect, it } from 'vitest';
import { abstainReason, answeredSql, sampleToday, shopParser } from './shop-parser.ts';

/**
 * The way people phrase a request: instruction words carry structure (what to return, order, direction), not content.
 * Each is read only where it fits; anywhere else the parser abstains.
 */

const parser = shopParser();
const sql = (question: string) => answeredSql(parser.answer(question, sampleToday));
const reason = (question: string) => abstainReason(parser.answer(question, sampleToday));

describe('requests', () => {
  it.each([
    ['Return the number of orders per status.', 'SELECT o.status, count(*) AS orders FROM orders o GROUP BY o.status ORDER BY count(*) DESC, o.status LIMIT 100'],
    ['Give me the number of customers per country.', 'SELECT c.country, count(*) AS customers FROM customers c GROUP BY c.country ORDER BY count(*) DESC, c.country LIMIT 100'],
    ['Find the 3 most expensive products.', 'SELECT p.id, p.name, p.price_cents FROM products p ORDER BY p.price_cents DESC, p.id LIMIT 3'],
    ['List all categories.', 'SELECT DISTINCT p.category FROM products p ORDER BY p.category LIMIT 100'],
    ['How many order records were placed yesterday?', "SELECT count(*) AS orders FROM orders o WHERE o.created_at >= '2025-06-30' AND o.created_at < '2025-07-01'"],
    ['How many products does the shop sell?', 'SELECT count(*) AS products FROM products p'],
  ])('%s', (question, expected) => {
    expect(sql(question)).toBe(expected);
  });

  it('shows only the keys when asked for IDs, and only on a list of rows', () => {
    expect(sql('Which products cost more than 100 euros? Include only their IDs.')).toBe('SELECT p.id FROM products p WHERE p.price_cents > 10000 ORDER BY p.id LIMIT 100');
    expect(sql('What are the IDs of the orders placed yesterday?')).toBe("SELECT o.id FROM orders o WHERE o.created_at >= '2025-06-30' AND o.created_at < '2025-07-01' ORDER BY o.id LIMIT 100");
    expect(parser.answer('How many orders per status? Include only their IDs.', sampleToday).kind).toBe('abstained');
  });

  it('does not read a word naming another database as glue', () => {
    expect(reason('How many products does the warehouse sell?')).toBe('I did not understand "warehouse"');
  });

  it('answers "what is" with one value, never a list of rows', () => {
    expect(reason('What is the total of all orders?')).toContain('"what is" asks for one value');
    expect(sql('What is the total value of all orders in euros?')).toBe('SELECT sum(o.total_cents) / 100.0 AS total_euros FROM orders o');
  });
});

describe('order and direction', () => {
  it.each([
    ['Number of orders per status, sorted by count descending.', 'ORDER BY count(*) DESC, o.status'],
    ['What is the number of orders in each status? Order the results by the count in descending order.', 'ORDER BY count(*) DESC, o.status'],
    ['Number of customers per country, sorted alphabetically.', 'ORDER BY c.country LIMIT'],
    ['Number of customers per country, sorted by country in descending order.', 'ORDER BY c.country DESC LIMIT'],
    ['List the products sorted alphabetically.', 'ORDER BY p.name, p.id'],
    ['Show the products ordered by price, highest first.', 'ORDER BY p.price_cents DESC, p.id'],
    ['List all categories in descending order.', 'ORDER BY p.category DESC'],
    ['How many orders per month in 2024, most recent first?', 'ORDER BY 1 DESC, 2 DESC'],
  ])('%s', (question, expected) => {
    expect(sql(question)).toContain(expected);
  });

  it.each([
    ['List the products highest first.', 'say what to sort the rows by'],
    ['Number of orders per status sorted by city.', 'cannot be sorted by it'],
    ['How many orders are there, sorted alphabetically?', 'nothing to sort'],
    ['Which 3 countries have the most customers, sorted alphabetically?', 'ranks by one thing and sorts by another'],
    ['Number of orders per customer, sorted alphabetically.', 'not alphabetically'],
    ['Show the orders sorted by category.', 'can only be sorted by their own fields'],
  ])('abstains on "%s"', (question, expected) => {
    expect(reason(question)).toContain(expected);
  });
});
