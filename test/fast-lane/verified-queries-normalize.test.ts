import { describe, expect, it } from 'vitest';
import { canonicalNumber, indexKnownValues, normalizeQuestion } from '../../src/fast-lane/verified-queries/normalize-question.ts';
import { stem } from '../../src/language/stem.ts';
import { periodBounds } from '../../src/fast-lane/verified-queries/period-bounds.ts';
import { findSqlLiterals } from '../../src/fast-lane/verified-queries/find-sql-literals.ts';
import { buildSqlTemplate, fillSqlTemplate } from '../../src/fast-lane/verified-queries/sql-template.ts';

const knownValues = indexKnownValues(
  new Map([
    ['New York', { column: 'customers.city', value: 'New York' }],
    ['cancelled', { column: 'orders.status', value: 'cancelled' }],
  ]),
);

describe('normalizeQuestion', () => {
  it('turns numbers, periods and known values into typed slots', () => {
    const normalized = normalizeQuestion('Top 5 customers in New York by orders in Q1 2025, March 2024, 2023 and on 2024-02-29?', knownValues);
    expect(normalized?.words).toEqual(['top', '{n1}', 'customer', '{v1}', 'by', 'order', '{d1}', '{d2}', '{d3}', 'and', 'on', '{d4}']);
    expect(normalized?.slots).toEqual([
      { name: 'n1', kind: 'number', value: '5' },
      { name: 'v1', kind: 'value', value: 'New York', column: 'customers.city' },
      { name: 'd1', kind: 'quarter', value: '2025-Q1' },
      { name: 'd2', kind: 'month', value: '2024-03' },
      { name: 'd3', kind: 'year', value: '2023' },
      { name: 'd4', kind: 'date', value: '2024-02-29' },
    ]);
    expect(normalized?.templateKey).toBe(
      'top {n1} customer {v1} by order {d1} {d2} {d3} and on {d4} [n1=number v1=customers.city d1=quarter d2=month d3=year d4=date]',
    );
  });

  it('keeps digits inside words as part of the word', () => {
    const normalized = normalizeQuestion('top5 sku4 covid-19 5th 3d items', knownValues);
    expect(normalized?.slots).toEqual([]);
    expect(normalized?.words).toEqual(['top5', 'sku4', 'covid', '19', '5th', '3d', 'item']);
  });

  it('treats impossible dates as words', () => {
    expect(normalizeQuestion('orders on 2023-02-29', knownValues)?.slots).toEqual([]);
    expect(normalizeQuestion('orders in 2023-13', knownValues)?.slots).toEqual([]);
  });

  it('reads numbers with thousands separators and decimals', () => {
    expect(normalizeQuestion('orders over 1,250.50', knownValues)?.slots).toEqual([{ name: 'n1', kind: 'number', value: '1250.5' }]);
    expect(canonicalNumber('007')).toBe('7');
    expect(canonicalNumber('1e3')).toBeNull();
  });

  it('stems lightly and consistently', () => {
    expect(['orders', 'order'].map(stem)).toEqual(['order', 'order']);
    expect(['categories', 'category'].map(stem)).toEqual(['category', 'category']);
    expect(['cancelled', 'canceled', 'cancel'].map(stem)).toEqual(['cancel', 'cancel', 'cancel']);
    expect(['shipping', 'shipped', 'ships'].map(stem)).toEqual(['ship', 'ship', 'ship']);
    expect(['status', 'statuses'].map(stem)).toEqual(['status', 'status']);
  });
});

describe('SQL templates', () => {
  it('finds only plain literals', () => {
    const literals = findSqlLiterals(`SELECT 'a''b', E'x\\'y', 5, t2.c, $1, $$ 'z' $$, "q'", 1e3, 19.90 -- 'c'\n/* 'd' /* 7 */ */ FROM x LIMIT 10`);
    expect(literals.map((literal) => [literal.kind, literal.value])).toEqual([
      ['string', "a'b"],
      ['number', '5'],
      ['number', '19.9'],
      ['number', '10'],
    ]);
  });

  it('fills a value only inside quotes, and only numbers outside them', () => {
    const slots = [{ name: 'v1', kind: 'value' as const, value: "x' OR 1=1 --", column: 't.c' }];
    expect(fillSqlTemplate("SELECT 1 WHERE c = '{v1}'", slots)).toBe("SELECT 1 WHERE c = 'x'' OR 1=1 --'");
    expect(fillSqlTemplate('SELECT 1 WHERE c = {v1}', slots)).toBeNull();
    expect(fillSqlTemplate("SELECT 1 WHERE c = 'a{v1}'", slots)).toBeNull();
    expect(fillSqlTemplate("SELECT 1 WHERE c = '{v1}'", [{ name: 'v1', kind: 'value', value: 'back\\slash', column: 't.c' }])).toBeNull();
  });

  it('refuses numbers and dates that are not numbers and dates', () => {
    expect(fillSqlTemplate('SELECT 1 LIMIT {n1}', [{ name: 'n1', kind: 'number', value: '1; DROP TABLE x' }])).toBeNull();
    expect(fillSqlTemplate("SELECT 1 WHERE d >= '{d1:start}'", [{ name: 'd1', kind: 'year', value: '20x4' }])).toBeNull();
    expect(fillSqlTemplate('SELECT 1 WHERE m = {d1}', [{ name: 'd1', kind: 'month', value: '2024-03' }])).toBeNull();
    expect(fillSqlTemplate('SELECT 1 LIMIT {n1}', [])).toBeNull();
  });

  it('needs every slot in the SQL', () => {
    const slots = [
      { name: 'n1', kind: 'number' as const, value: '5' },
      { name: 'd1', kind: 'year' as const, value: '2024' },
    ];
    expect(buildSqlTemplate('SELECT 1 LIMIT 5', slots)).toBeNull();
    expect(buildSqlTemplate("SELECT 1 WHERE y = '2024' LIMIT 5", slots)).toBe("SELECT 1 WHERE y = '{d1}' LIMIT {n1}");
  });

  it('computes period bounds', () => {
    expect(periodBounds('year', '2024')).toEqual({ start: '2024-01-01', end: '2025-01-01', last: '2024-12-31' });
    expect(periodBounds('month', '2024-02')).toEqual({ start: '2024-02-01', end: '2024-03-01', last: '2024-02-29' });
    expect(periodBounds('quarter', '2024-Q4')).toEqual({ start: '2024-10-01', end: '2025-01-01', last: '2024-12-31' });
    expect(periodBounds('date', '2024-12-31')).toEqual({ start: '2024-12-31', end: '2025-01-01', last: '2024-12-31' });
    expect(periodBounds('date', '2023-02-29')).toBeNull();
    expect(periodBounds('month', '2024')).toBeNull();
  });
});
