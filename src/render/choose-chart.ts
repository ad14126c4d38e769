import type { TableColumn, TableView } from '../vocabulary/index.ts';
import { columnLabel, isMoneyColumn, isNumericColumn } from './format-cell.ts';

/**
 * Picks a chart from the result's shape, or none: a time dimension and one measure → a line; one category and
 * one measure → a bar chart of the top 20, largest first. Anything else (several measures, a single row, text only)
 * gets no chart: a table says it better.
 */

export interface ChartPoint {
  /** An ISO date (`2024-03-01`) for a line, the category for a bar. */
  x: string;
  y: number;
  /** The group a point belongs to when the chart has several series (e.g. a lane), drawn side by side in colours. */
  series?: string | undefined;
}

export interface ChartChoice {
  kind: 'line' | 'bar';
  xLabel: string;
  yLabel: string;
  points: ChartPoint[];
  /** The grain of a line's time axis. */
  timeUnit?: 'year' | 'quarter' | 'month' | 'day' | undefined;
  /** The currency when the measure is money (its values are then in currency units, not cents). */
  currency?: string | undefined;
  /** Categories left out of a bar chart (it shows the top 20). */
  omitted: number;
  /** Bars in the order of `points` (a histogram's buckets) instead of largest first. */
  keepOrder?: boolean | undefined;
  /** The legend's title when points have a `series`. */
  seriesLabel?: string | undefined;
  /** The measure is a count: whole-number ticks only. */
  wholeNumbers?: boolean | undefined;
}

export const maxBars = 20;

const timeTypes = /^(date|timestamp)/;
const dateText = /^\d{4}-\d{2}(-\d{2})?([T ].*)?$/;

export function chooseChart(table: TableView): ChartChoice | null {
  if (table.rows.length < 2 || table.columns.length < 2) return null;
  return chooseLine(table) ?? chooseBar(table);
}

function chooseLine(table: TableView): ChartChoice | null {
  const { columns } = table;
  const dateIndex = columns.findIndex((column, index) => timeTypes.test(column.dataType) || (isTextColumn(column) && table.rows.every((row) => row[index] === null || dateText.test(String(row[index])))));
  const yearIndex = columns.findIndex((column) => /^(year|yr)$/i.test(column.name) && isNumericColumn(column));
  const monthIndex = columns.findIndex((column) => /^month$/i.test(column.name) && isNumericColumn(column));
  const quarterIndex = columns.findIndex((column) => /^(quarter|qtr)$/i.test(column.name) && isNumericColumn(column));
  let timeColumns: number[];
  let timeUnit: ChartChoice['timeUnit'];
  let dateOf: (row: unknown[]) => string | null;
  if (dateIndex >= 0) {
    timeColumns = [dateIndex];
    timeUnit = /^\d{4}-\d{2}$/.test(String(table.rows[0]?.[dateIndex])) ? 'month' : 'day';
    dateOf = (row) => {
      if (row[dateIndex] === null || row[dateIndex] === undefined) return null;
      const text = String(row[dateIndex]);
      return /^\d{4}-\d{2}$/.test(text) ? `${text}-01` : text.slice(0, 10);
    };
  } else if (yearIndex >= 0) {
    const partIndex = monthIndex >= 0 ? monthIndex : quarterIndex;
    timeColumns = partIndex >= 0 ? [yearIndex, partIndex] : [yearIndex];
    timeUnit = monthIndex >= 0 ? 'month' : quarterIndex >= 0 ? 'quarter' : 'year';
    dateOf = (row) => {
      const year = Number(row[yearIndex]);
      const part = partIndex >= 0 ? Number(row[partIndex]) : 1;
      if (!Number.isInteger(year) || !Number.isInteger(part)) return null;
      const month = timeUnit === 'quarter' ? (part - 1) * 3 + 1 : part;
      if (month < 1 || month > 12) return null;
      return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
    };
  } else {
    return null;
  }
  const rest = columns.map((_, index) => index).filter((index) => !timeColumns.includes(index));
  const [measureIndex] = rest;
  if (rest.length !== 1 || measureIndex === undefined || !isNumericColumn(columns[measureIndex] as TableColumn)) return null;
  const measure = columns[measureIndex] as TableColumn;
  const points: ChartPoint[] = [];
  for (const row of table.rows) {
    const x = dateOf(row);
    const y = measureValue(row[measureIndex], measure);
    if (x !== null && y !== null) points.push({ x, y });
  }
  if (points.length < 2) return null;
  points.sort((left, right) => left.x.localeCompare(right.x));
  const xLabel = timeColumns.map((index) => columns[index]?.name ?? '').join(' / ');
  return { kind: 'line', xLabel, yLabel: axisLabel(measure), points, timeUnit, currency: moneyCurrency(measure), omitted: 0 };
}

function chooseBar(table: TableView): ChartChoice | null {
  const { columns } = table;
  if (columns.length !== 2) return null;
  const categoryIndex = columns.findIndex((column) => isTextColumn(column));
  const measureIndex = columns.findIndex((column) => isNumericColumn(column));
  if (categoryIndex < 0 || measureIndex < 0 || categoryIndex === measureIndex) return null;
  const measure = columns[measureIndex] as TableColumn;
  const points = table.rows.flatMap((row) => {
    const y = measureValue(row[measureIndex], measure);
    return y === null ? [] : [{ x: row[categoryIndex] === null ? '(none)' : String(row[categoryIndex]), y }];
  });
  if (points.length < 2) return null;
  points.sort((left, right) => right.y - left.y);
  return {
    kind: 'bar',
    xLabel: columns[categoryIndex]?.name ?? '',
    yLabel: axisLabel(measure),
    points: points.slice(0, maxBars),
    currency: moneyCurrency(measure),
    omitted: Math.max(0, points.length - maxBars),
  };
}

function isTextColumn(column: TableColumn): boolean {
  return /^(text|character|varchar|citext|boolean|"char"|name)/.test(column.dataType);
}

function measureValue(value: unknown, column: TableColumn): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  return isMoneyColumn(column) ? number / 100 : number;
}

function moneyCurrency(column: TableColumn): string | undefined {
  return isMoneyColumn(column) ? (column.currency ?? 'USD').toUpperCase() : undefined;
}

function axisLabel(column: TableColumn): string {
  const label = columnLabel(column);
  return isMoneyColumn(column) ? `${label} (${(column.currency ?? 'USD').toUpperCase()})` : label;
}
