import type { TableView } from '../vocabulary/index.ts';
import { columnLabel, formatCell, isNumericColumn } from './format-cell.ts';

/** A fixed-width text table for terminals and code blocks: numbers right-aligned, grouped, money in its currency. */
export function renderTextTable(table: TableView, maxRows = 50): string {
  const shown = table.rows.slice(0, maxRows);
  const header = table.columns.map(columnLabel);
  const cells = shown.map((row) => table.columns.map((column, index) => formatCell(row[index], column)));
  const widths = header.map((name, index) => Math.max(name.length, ...cells.map((row) => (row[index] ?? '').length)));
  const numeric = table.columns.map(
    (column, index) => isNumericColumn(column) || (shown.length > 0 && shown.every((row) => row[index] === null || typeof row[index] === 'number' || /^-?\d+(\.\d+)?$/.test(String(row[index])))),
  );
  const line = (values: string[]) =>
    values.map((value, index) => (numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0))).join(' | ').trimEnd();
  const lines = [line(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...cells.map(line)];
  lines.push(rowCountLine(table, shown.length));
  return lines.join('\n');
}

/** `(120 rows) 100 more rows not shown. The result was cut at the row limit.` */
export function rowCountLine(table: TableView, shownRows: number): string {
  const total = table.rows.length;
  const more = total > shownRows ? `${total - shownRows} more rows not shown. ` : '';
  const truncated = table.truncated ? 'The result was cut at the row limit. ' : '';
  return `(${total} row${total === 1 ? '' : 's'}) ${more}${truncated}`.trimEnd();
}
