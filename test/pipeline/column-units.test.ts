import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { columnUnits } from '../../src/pipeline/column-units.ts';
import { formatAnswer } from '../../src/pipeline/format-answer.ts';
import { loadSqlParser } from '../../src/sql/parse-sql.ts';
import { sampleCatalog } from '../support/sample-catalog.ts';

function catalogWithCents(): Catalog {
  const catalog = sampleCatalog();
  for (const table of catalog.tables) {
    for (const column of table.columns) if (column.name.endsWith('_cents')) column.unit = 'cents';
  }
  return { ...catalog, currency: 'EUR' };
}

const catalog = catalogWithCents();
const units = (sql: string) => columnUnits(sql, catalog).map((column) => column.unit ?? '-');

beforeAll(() => loadSqlParser());

describe('columnUnits', () => {
  it('follows a cents column through aggregates, casts, aliases and products', () => {
    expect(units('SELECT extract(year FROM o.created_at)::int AS year, sum(o.total_cents) AS revenue FROM orders o GROUP BY 1')).toEqual(['-', 'cents']);
    expect(units('SELECT round(avg(total_cents))::bigint, max(total_cents) - min(total_cents) AS spread, coalesce(sum(total_cents), 0) FROM orders')).toEqual(['cents', 'cents', 'cents']);
    expect(units('SELECT sum(i.quantity * i.unit_price_cents) AS revenue FROM order_items i')).toEqual(['cents']);
    expect(columnUnits('SELECT total_cents FROM orders', catalog)).toEqual([{ unit: 'cents', currency: 'EUR' }]);
  });

  it('gives no unit where the value is no longer cents', () => {
    expect(units('SELECT count(total_cents), avg(total_cents) / 100.0 AS euros, count(*) FROM orders')).toEqual(['-', '-', '-']);
    expect(units('SELECT t.euros FROM (SELECT sum(total_cents) / 100.0 AS euros FROM orders) t')).toEqual(['-']);
    expect(units('WITH t AS (SELECT sum(total_cents) AS total_cents FROM orders) SELECT total_cents FROM t')).toEqual(['cents']);
    expect(columnUnits('SELECT 1; SELECT 2', catalog)).toEqual([]);
    expect(columnUnits('not sql', catalog)).toEqual([]);
  });

  it('tags the answer table of formatAnswer', () => {
    const answer = formatAnswer({
      requestId: 'r',
      lane: 'fast',
      question: 'q',
      sql: 'SELECT status, sum(total_cents) AS total_cents FROM orders GROUP BY status',
      explanation: '',
      result: { columns: [{ name: 'status', dataType: 'text' }, { name: 'total_cents', dataType: 'bigint' }], rows: [['paid', '100']], truncated: false, elapsedMs: 1 },
      hiddenColumns: [],
      personalData: [],
      audience: 'thread',
      catalog,
    });
    expect(answer.table.columns).toEqual([{ name: 'status', dataType: 'text' }, { name: 'total_cents', dataType: 'bigint', unit: 'cents', currency: 'EUR' }]);
  });
});
