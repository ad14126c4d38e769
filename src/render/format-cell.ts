import type { TableColumn } from '../vocabulary/index.ts';
import { formatValue } from './format-value.ts';

/**
 * One cell for people, the same on every surface: numbers with thousands separators, a `cents` column as money
 * (`$532.99`, in the column's currency), dates as they came, null as an empty cell. Identifiers and years keep
 * their digits as they are (`2024`, not `2,024`).
 */

const numericTypes = /^(smallint|integer|bigint|numeric|decimal|real|double precision|money)\b/;
const plainNumberName = /(^|_)(id|year|yr|code|zip|postcode|phone|number|no)$/i;
const numberText = /^-?\d+(\.\d+)?$/;

export function isNumericColumn(column: TableColumn): boolean {
  return numericTypes.test(column.dataType);
}

export function isMoneyColumn(column: TableColumn): boolean {
  return column.unit === 'cents' && isNumericColumn(column);
}

/** The column's name as shown: a money column loses its `_cents` suffix (the value is shown in currency units). */
export function columnLabel(column: TableColumn): string {
  return isMoneyColumn(column) ? column.name.replace(/_cents$/i, '') || column.name : column.name;
}

export function formatCell(value: unknown, column: TableColumn, maxWidth = 60): string {
  if (value === null || value === undefined) return '';
  if (isNumericColumn(column) && (typeof value === 'number' || (typeof value === 'string' && numberText.test(value)))) {
    const number = Number(value);
    if (isMoneyColumn(column)) return formatMoney(number / 100, column.currency);
    if (plainNumberName.test(column.name)) return String(value);
    return formatNumber(value);
  }
  return formatValue(value, maxWidth);
}

const grouping = new Map<number, Intl.NumberFormat>();

/** `1234567.891` → `1,234,567.891`; keeps the decimals the value has (at most 6), without float noise. */
export function formatNumber(value: number | string): string {
  const text = String(value);
  const decimals = Math.min(6, text.includes('.') ? (text.split('.')[1]?.replace(/0+$/, '').length ?? 0) : 0);
  let formatter = grouping.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    grouping.set(decimals, formatter);
  }
  // Big integers (bigint, numeric) arrive as strings: keep every digit.
  if (decimals === 0 && /^-?\d{16,}$/.test(text)) return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return formatter.format(Number(value));
}

const currencies = new Map<string, Intl.NumberFormat>();

/** `532.99` → `$532.99` (or `€532.99` for EUR). An unknown code falls back to `532.99 XYZ`. */
export function formatMoney(amount: number, currency = 'USD'): string {
  const code = currency.toUpperCase();
  let formatter = currencies.get(code);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    } catch {
      return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${code}`;
    }
    currencies.set(code, formatter);
  }
  return formatter.format(amount);
}

/** The symbol a currency is written with in en-US (`$`, `€`, `£`), for chart axes. */
export function currencySymbol(currency = 'USD'): string {
  try {
    const part = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).formatToParts(0).find((piece) => piece.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}
