import { english } from '../../language/english.ts';
import {
  addDays, addMonths, capitalized, MONTH_NAMES, monthRange, monthStart, quarterRange, parseDate, range,
  weekStart, yearRange, type CalendarDate, type DateRange,
} from './calendar.ts';
import { numberValue, yearValue } from './numbers.ts';
import { matchWords, wordAt } from './token-match.ts';
import type { Token } from './tokenize.ts';

/**
 * Periods in questions, against a pinned "today": "in 2024", "last month", "this year", "since March", "Q1 2025",
 * "in the last 30 days", "between 2022 and 2024", "yesterday". Every range is half-open [from, to).
 */

export interface TimeFilterMatch {
  length: number;
  range: DateRange;
}

interface Period {
  length: number;
  range: DateRange;
}

const monthWords: Record<string, number> = Object.fromEntries([
  ...MONTH_NAMES.map((name, index) => [name, index + 1] as const),
  ...Object.entries(english.monthAbbreviations),
]);
const ordinals = english.ordinals;
const periodPrepositions = english.periodPrepositions;

export function matchTimeFilter(tokens: readonly Token[], start: number, today: CalendarDate): TimeFilterMatch | null {
  return relativePeriod(tokens, start, today) ?? boundedPeriod(tokens, start, today) ?? plainPeriod(tokens, start, today);
}

/** "yesterday", "last month", "this year", "in the last 30 days". */
function relativePeriod(tokens: readonly Token[], start: number, today: CalendarDate): TimeFilterMatch | null {
  const word = wordAt(tokens, start);
  if (word === 'yesterday') return { length: 1, range: range(addDays(today, -1), today, 'yesterday') };
  if (word === 'today') return { length: 1, range: range(today, addDays(today, 1), 'today') };
  const rolling = matchWords(tokens, start, [['in', 'during', 'over', 'within', 'for', ''], ['the', ''], ['last', 'past', 'previous']]);
  if (rolling !== null) {
    const count = numberValue(tokens[start + rolling]);
    const unit = wordAt(tokens, start + rolling + 1).replace(/s$/, '');
    if (count !== null && Number.isInteger(count) && count > 0 && count <= 10_000 && ['day', 'week', 'month', 'year'].includes(unit)) {
      const from = unit === 'day' ? addDays(today, -count) : unit === 'week' ? addDays(today, -7 * count) : addMonths(today, unit === 'month' ? -count : -12 * count);
      return { length: rolling + 2, range: range(from, today, `in the last ${count} ${unit}${count === 1 ? '' : 's'}`) };
    }
  }
  const calendar = matchWords(tokens, start, [['in', 'during', 'for', ''], ['last', 'previous', 'this', 'current']]);
  // "the last month" may mean the last 30 days as well as the previous calendar month: left unread.
  if (calendar === null || wordAt(tokens, start - 1) === 'the') return null;
  const which = wordAt(tokens, start + calendar - 1);
  const unit = wordAt(tokens, start + calendar);
  const offset = which === 'last' || which === 'previous' ? -1 : 0;
  const label = `${offset === -1 ? 'last' : 'this'} ${unit}`;
  const length = calendar + 1;
  if (unit === 'year') return { length, range: yearRange(today.year + offset, label) };
  if (unit === 'month') {
    const first = addMonths(monthStart(today.year, today.month), offset);
    return { length, range: range(first, addMonths(first, 1), label) };
  }
  if (unit === 'quarter') {
    const first = addMonths(monthStart(today.year, Math.floor((today.month - 1) / 3) * 3 + 1), 3 * offset);
    return { length, range: range(first, addMonths(first, 3), label) };
  }
  if (unit === 'week') {
    const first = addDays(weekStart(today), 7 * offset);
    return { length, range: range(first, addDays(first, 7), label) };
  }
  return null;
}

/** "since March", "before 2024", "after Q1 2025", "between 2022 and 2024", "from January to March 2025". */
function boundedPeriod(tokens: readonly Token[], start: number, today: CalendarDate): TimeFilterMatch | null {
  const word = wordAt(tokens, start);
  const skipThe = wordAt(tokens, start + 1) === 'the' ? 1 : 0;
  if (['since', 'before', 'after', 'until', 'till', 'through'].includes(word)) {
    const period = periodAt(tokens, start + 1 + skipThe, today, null, true);
    if (!period) return null;
    const length = 1 + skipThe + period.length;
    const { from, to, description } = period.range;
    if (word === 'since') return { length, range: { from, to: null, description: `since ${description}` } };
    if (word === 'before') return { length, range: { from: null, to: from, description: `before ${description}` } };
    if (word === 'after') return { length, range: { from: to, to: null, description: `after ${description}` } };
    return { length, range: { from: null, to, description: `up to and including ${description}` } };
  }
  if (word !== 'between' && word !== 'from') return null;
  const joiners = word === 'between' ? ['and'] : ['to', 'until', 'through', 'till'];
  for (let split = start + 2; split < Math.min(tokens.length, start + 6); split += 1) {
    if (!joiners.includes(wordAt(tokens, split))) continue;
    const last = periodAt(tokens, split + 1, today, null, true);
    const first = periodAt(tokens, start + 1, today, last ? yearOf(last) : null, true);
    if (!first || !last || start + 1 + first.length !== split || first.range.from === null || last.range.to === null) continue;
    if (first.range.from >= last.range.to) return null;
    return {
      length: split + 1 + last.length - start,
      range: { from: first.range.from, to: last.range.to, description: `from ${first.range.description} to ${last.range.description}` },
    };
  }
  return null;
}

function yearOf(period: Period): number | null {
  return period.range.from ? Number(period.range.from.slice(0, 4)) : null;
}

/** "in 2024", "December 2024", "in the first quarter of 2025", "on 2025-06-30", "in March". */
function plainPeriod(tokens: readonly Token[], start: number, today: CalendarDate): TimeFilterMatch | null {
  const preposition = matchWords(tokens, start, [periodPrepositions, ['the', '']]);
  if (preposition !== null) {
    const period = periodAt(tokens, start + preposition, today, null, true);
    if (period) return { length: preposition + period.length, range: { ...period.range, description: `${wordAt(tokens, start) === 'on' ? 'on' : 'in'} ${period.range.description}` } };
  }
  const bare = periodAt(tokens, start, today, null, false);
  return bare ? { length: bare.length, range: { ...bare.range, description: `in ${bare.range.description}` } } : null;
}

/**
 * A named period at `start`. A lone year or month needs a preposition before it (`loose`): "customer 2024" is an id,
 * and "may" is usually a verb.
 */
function periodAt(tokens: readonly Token[], start: number, today: CalendarDate, defaultYear: number | null, loose: boolean): Period | null {
  const token = tokens[start];
  if (!token) return null;
  if (token.kind === 'date' && token.quote === null) {
    const date = parseDate(token.text);
    if (!date) return null;
    return { length: 1, range: range(date, addDays(date, 1), token.text) };
  }
  const year = yearValue(token);
  if (year !== null) {
    const quarter = /^q([1-4])$/.exec(wordAt(tokens, start + 1));
    if (quarter) return { length: 2, range: quarterRange(year, Number(quarter[1]), `Q${quarter[1]} ${year}`) };
    return loose ? { length: 1, range: yearRange(year, String(year)) } : null;
  }
  const word = wordAt(tokens, start);
  if (word === 'year') {
    const named = yearValue(tokens[start + 1]);
    return named !== null ? { length: 2, range: yearRange(named, String(named)) } : null;
  }
  const month = monthWords[word];
  if (month !== undefined) {
    const skipOf = wordAt(tokens, start + 1) === 'of' ? 1 : 0;
    const named = yearValue(tokens[start + 1 + skipOf]);
    if (named !== null) return { length: 2 + skipOf, range: monthRange(named, month, `${capitalized(MONTH_NAMES[month - 1] as string)} ${named}`) };
    if (!loose) return null;
    const resolvedYear = defaultYear ?? (month <= today.month ? today.year : today.year - 1);
    return { length: 1, range: monthRange(resolvedYear, month, `${capitalized(MONTH_NAMES[month - 1] as string)} ${resolvedYear}`) };
  }
  const quarter = /^q([1-4])$/.exec(word);
  const ordinal = ordinals[word];
  const unit = quarter ? 'quarter' : ordinal !== undefined ? wordAt(tokens, start + 1) : /^h([12])$/.test(word) ? 'half' : '';
  if (unit !== 'quarter' && unit !== 'half') return null;
  const number = quarter ? Number(quarter[1]) : ordinal ?? Number(word.slice(1));
  const wordsBeforeYear = quarter || /^h[12]$/.test(word) ? 1 : 2;
  const skip = ['of', 'in'].includes(wordAt(tokens, start + wordsBeforeYear)) ? 1 : 0;
  const named = yearValue(tokens[start + wordsBeforeYear + skip]);
  if (named === null) return null;
  const length = wordsBeforeYear + skip + 1;
  if (unit === 'quarter') return { length, range: quarterRange(named, number, `Q${number} ${named}`) };
  if (number > 2) return null;
  const first = monthStart(named, number === 1 ? 1 : 7);
  return { length, range: range(first, addMonths(first, 6), `${number === 1 ? 'the first' : 'the second'} half of ${named}`) };
}
