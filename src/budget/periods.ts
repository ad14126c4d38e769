/**
 * Budget periods: a day and a month in the tenants' time zone, named by their local dates (`2026-11-30`,
 * `2026-11`), with the instants they reset.
 */

export interface BudgetPeriods {
  day: string;
  month: string;
  /** Epoch milliseconds of the next local midnight. */
  dayResetsAt: number;
  /** Epoch milliseconds of the next first of the month, local midnight. */
  monthResetsAt: number;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export function periodsAt(now: number, timeZone: string): BudgetPeriods {
  const local = localDate(now, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    day: `${local.year}-${pad(local.month)}-${pad(local.day)}`,
    month: `${local.year}-${pad(local.month)}`,
    dayResetsAt: localMidnight({ year: local.year, month: local.month, day: local.day + 1 }, timeZone),
    monthResetsAt: localMidnight({ year: local.year, month: local.month + 1, day: 1 }, timeZone),
  };
}

/** Formatters are costly to build: one of each kind per time zone, for the life of the process. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', ...(withTime ? { hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' } : {}) });
    formatters.set(key, found);
  }
  return found;
}

function localDate(instant: number, timeZone: string): LocalDate {
  const parts = formatter(timeZone, false).formatToParts(instant);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = formatter(timeZone, true).formatToParts(instant);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight starts on a date (Date.UTC normalises day 32 and month 13). */
function localMidnight(date: LocalDate, timeZone: string): number {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day);
  // Two passes settle the offset across a daylight-saving change.
  const first = wallClock - offsetAt(wallClock, timeZone);
  return wallClock - offsetAt(first, timeZone);
}

/** "at 2026-12-01 00:00 UTC (in 3 h 20 min)". */
export function describeReset(resetsAt: number, now: number): string {
  const minutes = Math.max(1, Math.round((resetsAt - now) / 60_000));
  const wait = minutes >= 60 * 24 ? `${Math.round(minutes / (60 * 24))} d` : minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `at ${new Date(resetsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC (in ${wait})`;
}
