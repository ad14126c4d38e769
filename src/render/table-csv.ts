import { stringify } from 'csv-stringify/sync';
import type { TableView } from '../vocabulary/index.ts';
import { isMoneyColumn } from './format-cell.ts';

/**
 * The whole result as CSV (RFC 4180, header row first) for spreadsheets: numbers stay plain (no separators), a
 * money column is written in currency units with the code in its header (`total (EUR)`), nulls as empty cells.
 */
export function tableToCsv(table: TableView): string {
  const header = table.columns.map((column) => (isMoneyColumn(column) ? `${column.name.replace(/_cents$/i, '') || column.name} (${(column.currency ?? 'USD').toUpperCase()})` : column.name));
  const rows = table.rows.map((row) =>
    table.columns.map((column, index) => {
      const value = row[index];
      if (value === null || value === undefined) return '';
      if (isMoneyColumn(column) && Number.isFinite(Number(value))) return (Number(value) / 100).toFixed(2);
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }),
  );
  return stringify([header, ...rows]);
}
