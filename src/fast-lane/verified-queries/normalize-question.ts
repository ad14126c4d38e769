import { english } from '../../language/english.ts';
import { stem } from '../../language/stem.ts';
import type { VerifiedQuerySlot } from '../../ports/state-store.ts';

/**
 * A question as a template with slots, for verified-query memory: lower-case, punctuation and stop words dropped,
 * words lightly stemmed; numbers become `{n1}`…, dates and periods (`2024`, `March 2025`, `Q1 2025`, `2025-03`,
 * `2024-03-15`) `{d1}`…, and known column values `{v1}`…. Digits inside a word (`sku4`, `covid-19`, `5th`) are part of
 * the word, not a slot. Two questions with the same `templateKey` ask the same thing about possibly different values.
 */

/** A value of a categorical column the question may name: 'portugal' and 'pt' both → `{ column: 'customers.country', value: 'PT' }`. */
export interface KnownValue {
  /** `table.column`. */
  column: string;
  /** The value as stored in the column. */
  value: string;
}

export interface KnownValueIndex {
  values: ReadonlyMap<string, KnownValue>;
  /** Words in the longest key, so matching stops looking further. */
  longestWords: number;
}

export interface NormalizedQuestion {
  /** Content words and slot markers, in order. */
  words: string[];
  slots: VerifiedQuerySlot[];
  /** Words with markers, then the slots' types: `how many order {v1} {d1} [v1=orders.status d1=year]`. */
  templateKey: string;
  /** Words with the slots' values in place: `how many order {orders.status=cancelled} {year=2024}`. */
  exactKey: string;
}

const STOP_WORDS = new Set([...english.fillerWords, ...english.requestWords]);

const MONTHS = english.months;
const MONTH_NAMES = [...MONTHS, ...Object.keys(english.monthAbbreviations)].join('|');

/** Alternatives in precedence order; a number right after `letter-` (`covid-19`) falls through to `word`. */
const TOKEN = new RegExp(
  [
    String.raw`(?<![\p{L}]-)(?<isoDate>\d{4}-\d{2}-\d{2})(?![\p{L}\p{N}])`,
    String.raw`(?<![\p{L}]-)(?<isoMonth>\d{4}-\d{2})(?![\p{L}\p{N}-])`,
    String.raw`q(?<quarter>[1-4])\s*(?:of\s+)?(?<quarterYear>\d{4})(?![\p{L}\p{N}])`,
    String.raw`(?<![\p{L}]-)(?<yearBeforeQuarter>\d{4})\s*q(?<quarterAfterYear>[1-4])(?![\p{L}\p{N}])`,
    String.raw`(?<monthName>${MONTH_NAMES})\.?,?\s+(?:of\s+)?(?<monthYear>\d{4})(?![\p{L}\p{N}])`,
    String.raw`(?<![\p{L}]-)(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\p{N}])`,
    String.raw`(?<word>[\p{L}\p{N}]+)`,
  ].join('|'),
  'gu',
);

type Token =
  | { type: 'word'; text: string }
  /** `text` as written; `column` for known values. */
  | { type: 'slot'; kind: VerifiedQuerySlot['kind']; value: string; text: string; column?: string | undefined };

/** How known values are keyed: lower-case, apostrophes dropped, other punctuation as spaces. */
export function normalizeValueText(text: string): string {
  return prepare(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function indexKnownValues(knownValues: ReadonlyMap<string, KnownValue>): KnownValueIndex {
  const values = new Map<string, KnownValue>();
  let longestWords = 0;
  for (const [text, known] of knownValues) {
    const key = normalizeValueText(text);
    if (key === '') continue;
    values.set(key, known);
    longestWords = Math.max(longestWords, key.split(' ').length);
  }
  return { values, longestWords };
}

/** `1,000.50` → `1000.5`; null for anything but plain digits with an optional fraction. */
export function canonicalNumber(text: string): string | null {
  const plain = text.replace(/,(?=\d{3}(?!\d))/g, '');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** Null when nothing is left to match on (no content word besides slots). */
export function normalizeQuestion(question: string, knownValues: KnownValueIndex): NormalizedQuestion | null {
  const tokens = withKnownValues(tokenize(prepare(question)), knownValues);
  const words: string[] = [];
  const exactWords: string[] = [];
  const slots: VerifiedQuerySlot[] = [];
  const counters = { n: 0, d: 0, v: 0 };
  for (const token of tokens) {
    if (token.type === 'word') {
      if (STOP_WORDS.has(token.text)) continue;
      const stemmed = stem(token.text);
      words.push(stemmed);
      exactWords.push(stemmed);
      continue;
    }
    const prefix = token.kind === 'number' ? 'n' : token.kind === 'value' ? 'v' : 'd';
    const name = `${prefix}${++counters[prefix]}`;
    const { column } = token;
    slots.push(column === undefined ? { name, kind: token.kind, value: token.value } : { name, kind: token.kind, value: token.value, column });
    words.push(`{${name}}`);
    exactWords.push(`{${column ?? token.kind}=${token.value}}`);
  }
  if (!words.some((word) => !word.startsWith('{'))) return null;
  const signature = slots.map((slot) => `${slot.name}=${slot.column ?? slot.kind}`).join(' ');
  return {
    words,
    slots,
    templateKey: signature === '' ? words.join(' ') : `${words.join(' ')} [${signature}]`,
    exactKey: exactWords.join(' '),
  };
}

function prepare(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/['’‘`]/g, '');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const group = match.groups ?? {};
    const raw = match[0];
    const period = readPeriod(group);
    if (period) tokens.push({ type: 'slot', ...period, text: raw });
    else if (group.number !== undefined) tokens.push(numberToken(group.number));
    else tokens.push({ type: 'word', text: raw });
  }
  return tokens;
}

function readPeriod(group: Record<string, string | undefined>): { kind: VerifiedQuerySlot['kind']; value: string } | null {
  if (group.isoDate !== undefined) return isRealDate(group.isoDate) ? { kind: 'date', value: group.isoDate } : null;
  if (group.isoMonth !== undefined) {
    const month = Number(group.isoMonth.slice(5));
    return month >= 1 && month <= 12 ? { kind: 'month', value: group.isoMonth } : null;
  }
  if (group.quarter !== undefined && group.quarterYear !== undefined) return { kind: 'quarter', value: `${group.quarterYear}-Q${group.quarter}` };
  if (group.quarterAfterYear !== undefined && group.yearBeforeQuarter !== undefined) {
    return { kind: 'quarter', value: `${group.yearBeforeQuarter}-Q${group.quarterAfterYear}` };
  }
  if (group.monthName !== undefined && group.monthYear !== undefined) {
    const month = MONTHS.findIndex((name) => name.startsWith(group.monthName!)) + 1;
    return { kind: 'month', value: `${group.monthYear}-${String(month).padStart(2, '0')}` };
  }
  return null;
}

function numberToken(text: string): Token {
  const value = canonicalNumber(text);
  if (value === null) return { type: 'word', text };
  const year = /^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) <= 2099;
  return { type: 'slot', kind: year ? 'year' : 'number', value, text };
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/** Longest runs of words (and numbers) that name a known value become value slots. */
function withKnownValues(tokens: Token[], knownValues: KnownValueIndex): Token[] {
  if (knownValues.longestWords === 0) return tokens;
  const result: Token[] = [];
  let index = 0;
  while (index < tokens.length) {
    let matched = false;
    for (let length = Math.min(knownValues.longestWords, tokens.length - index); length >= 1 && !matched; length -= 1) {
      const run = tokens.slice(index, index + length);
      if (!run.every((token) => token.type === 'word' || token.kind === 'number' || token.kind === 'year')) continue;
      const known = knownValues.values.get(normalizeValueText(run.map((token) => token.text).join(' ')));
      if (known === undefined) continue;
      result.push({ type: 'slot', kind: 'value', value: known.value, text: run.map((token) => token.text).join(' '), column: known.column });
      index += length;
      matched = true;
    }
    if (!matched) result.push(tokens[index++]!);
  }
  return result;
}
