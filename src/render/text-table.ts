import type { TableView } from '../vocabulary/index.ts';
import { formatValue } from './format-value.ts';

/** A fixed-width text table for terminals and code blocks; numbers are right-aligned. */
export function renderTextTable(table: TableView, maxRows = 50): string {
  const shown = table.rows.slice(0, maxRows);
  const header = table.columns.map((column) => column.name);
  const cells = shown.map((row) => row.map((value) => formatValue(value)));
  const widths = header.map((name, index) => Math.max(name.length, ...cells.map((row) => (row[index] ?? '').length)));
  const numeric = table.columns.map((_, index) => shown.length > 0 && shown.every((row) => row[index] === null || typeof row[index] === 'number' || /^-?\d+(\.\d+)?$/.test(String(row[index]))));
  const line = (values: string[]) =>
    values.map((value, index) => (numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0))).join(' | ').trimEnd();
  const lines = [line(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...cells.map(line)];
  const total = table.rows.length;
  const more = total > shown.length ? `${total - shown.length} more rows not shown. ` : '';
  const truncated = table.truncated ? 'The result was cut at the row limit. ' : '';
  lines.push(`(${total} row${total === 1 ? '' : 's'}) ${more}${truncated}`.trimEnd());
  return lines.join('\n');
}
