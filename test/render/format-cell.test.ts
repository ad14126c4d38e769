import { describe, expect, it } from 'vitest';
import { columnLabel, formatCell, formatMoney, formatNumber } from '../../src/render/format-cell.ts';
import { formatSql } from '../../src/render/format-sql.ts';
import { tableToCsv } from '../../src/render/table-csv.ts';
import { renderTextTable } from '../../src/render/text-table.ts';
import type { TableView } from '../../src/vocabulary/index.ts';

const money = { name: 'total_cents', dataType: 'bigint', unit: 'cents' };

describe('formatCell', () => {
  it('groups thousands, keeps decimals and leaves years and ids alone', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber('1234.50')).toBe('1,234.5');
    expect(formatNumber('123456789012345678901')).toBe('123,456,789,012,345,678,901');
    expect(formatCell('6927', { name: 'orders', dataType: 'bigint' })).toBe('6,927');
    expect(formatCell(2024, { name: 'year', dataType: 'integer' })).toBe('2024');
    expect(formatCell(12345, { name: 'customer_id', dataType: 'integer' })).toBe('12345');
    expect(formatCell(null, { name: 'orders', dataType: 'bigint' })).toBe('');
    expect(formatCell('Lisbon', { name: 'city', dataType: 'text' })).toBe('Lisbon');
  });

  it('shows a cents column as money in its currency, and names it without the suffix', () => {
    expect(formatCell('53299', money)).toBe('$532.99');
    expect(formatCell(123456789, { ...money, currency: 'EUR' })).toBe('€1,234,567.89');
    expect(formatMoney(5, 'GBP')).toBe('£5.00');
    expect(formatMoney(5, 'XYZ1')).toBe('5.00 XYZ1');
    expect(columnLabel(money)).toBe('total');
    // A text column tagged cents is not money.
    expect(formatCell('n/a', { name: 'note', dataType: 'text', unit: 'cents' })).toBe('n/a');
  });
});

describe('text table, CSV and SQL layout', () => {
  const table: TableView = {
    columns: [{ name: 'country', dataType: 'text' }, { name: 'orders', dataType: 'bigint' }, { ...money, currency: 'EUR' }],
    rows: [['PT', '12000', '53299'], ['DE', '9', null], ['a, "b"', '1', '100']],
    truncated: false,
  };

  it('renders money and separators in the terminal table', () => {
    const text = renderTextTable(table);
    expect(text).toContain('country | orders |   total');
    expect(text).toMatch(/PT\s+\|\s+12,000 \| €532\.99/);
    expect(text).toContain('(3 rows)');
  });

  it('writes RFC 4180 CSV with money in currency units', () => {
    expect(tableToCsv(table)).toBe('country,orders,total (EUR)\nPT,12000,532.99\nDE,9,\n"a, ""b""",1,1.00\n');
  });

  it('lays SQL out on lines and leaves SQL it cannot read as it came', () => {
    expect(formatSql('select a, count(*) from t group by a')).toBe('select\n  a,\n  count(*)\nfrom\n  t\ngroup by\n  a');
    expect(formatSql('  not sql at all ((( ')).toBe('not sql at all (((');
  });
});
