import { english } from '../../language/english.ts';

/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in whole days, without time zones. */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A period [from, to): either end may be open. */
export interface DateRange {
  from: string | null;
  to: string | null;
  /** The user's words for it, for explanations: "in June 2025". */
  description: string;
}

export const MONTH_NAMES = english.months;

export function parseDate(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return formatDate(fromDays(toDays(date))) === iso ? date : null;
}

function formatDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function toDays(date: CalendarDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

function fromDays(days: number): CalendarDate {
  const moment = new Date(days * 86_400_000);
  return { year: moment.getUTCFullYear(), month: moment.getUTCMonth() + 1, day: moment.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDays(toDays(date) + days);
}

/** Same day of the month, clamped to the month's end: 2025-03-31 minus one month is 2025-02-28. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = fromDays(toDays({ year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1 }) - 1).day;
  return { year, month, day: Math.min(date.day, lastDay) };
}

export function monthStart(year: number, month: number): CalendarDate {
  return addMonths({ year, month: 1, day: 1 }, month - 1);
}

/** ISO weeks start on Monday. */
export function weekStart(date: CalendarDate): CalendarDate {
  const weekday = (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export function range(from: CalendarDate | null, to: CalendarDate | null, description: string): DateRange {
  return { from: from ? formatDate(from) : null, to: to ? formatDate(to) : null, description };
}

export function monthRange(year: number, month: number, description: string): DateRange {
  return range(monthStart(year, month), addMonths(monthStart(year, month), 1), description);
}

export function quarterRange(year: number, quarter: number, description: string): DateRange {
  const start = monthStart(year, (quarter - 1) * 3 + 1);
  return range(start, addMonths(start, 3), description);
}

export function yearRange(year: number, description: string): DateRange {
  return range({ year, month: 1, day: 1 }, { year: year + 1, month: 1, day: 1 }, description);
}

export function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
