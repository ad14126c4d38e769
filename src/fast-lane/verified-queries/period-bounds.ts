import type { VerifiedQuerySlotKind } from '../../ports/state-store.ts';

/** The dates a period is written as in SQL: its first day, the day after it (exclusive end) and its last day. */
export interface PeriodBounds {
  start: string;
  end: string;
  last: string;
}

/** Null when `value` is not a valid canonical period of that kind (`2024`, `2025-03`, `2025-Q1`, `2024-03-15`). */
export function periodBounds(kind: VerifiedQuerySlotKind, value: string): PeriodBounds | null {
  const parts = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$/.exec(value);
  if (parts === null) return null;
  const year = Number(parts[1]);
  if (year < 1000) return null;
  let startMonth = 0;
  let months = 12;
  let day = 1;
  let days = 0;
  if (kind === 'year' && parts[2] === undefined && parts[4] === undefined) {
    // the whole year
  } else if (kind === 'quarter' && parts[4] !== undefined) {
    startMonth = (Number(parts[4]) - 1) * 3;
    months = 3;
  } else if (kind === 'month' && parts[2] !== undefined && parts[3] === undefined) {
    startMonth = Number(parts[2]) - 1;
    months = 1;
  } else if (kind === 'date' && parts[3] !== undefined) {
    startMonth = Number(parts[2]) - 1;
    day = Number(parts[3]);
    months = 0;
    days = 1;
  } else {
    return null;
  }
  if (startMonth < 0 || startMonth > 11) return null;
  const start = new Date(Date.UTC(year, startMonth, day));
  if (start.getUTCMonth() !== startMonth || start.getUTCDate() !== day) return null;
  const end = new Date(Date.UTC(year, startMonth + months, day + days));
  const last = new Date(end.getTime() - 24 * 60 * 60 * 1000);
  return { start: isoDate(start), end: isoDate(end), last: isoDate(last) };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
