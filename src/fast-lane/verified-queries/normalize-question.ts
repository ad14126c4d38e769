import { english } from '../../language/english.ts';
import { splitWords } from '../../language/words.ts';
import { stem } from '../../language/stem.ts';
import { tokenize as tokenizeQuestion, type Token as QuestionToken } from '../question/tokenize.ts';
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

type Token =
  | { type: 'word'; text: string }
  /** `text` as written; `column` for known values. */
  | { type: 'slot'; kind: VerifiedQuerySlot['kind']; value: string; text: string; column?: string | undefined };

/** How known values are keyed: the words the question tokenizer would read (`O'Brien` → o brien, `McDonald's` → mcdonald). */
export function normalizeValueText(text: string): string {
  return splitWords(text.normalize('NFKC')).join(' ');
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
  const tokens = withKnownValues(tokenize(question), knownValues);
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

/**
 * The question's words and slots, read from the fast lane's own tokens: ISO dates and months (`2024-03-15`,
 * `2025-03`), quarters (`Q1 2025`, `2025 Q1`), month names with a year (`March 2024`), numbers, and words. A number
 * right after `letter-` (`covid-19`) stays a word.
 */
function tokenize(text: string): Token[] {
  const source = tokenizeQuestion(text.normalize('NFKC')).filter((token) => token.kind !== 'symbol');
  const tokens: Token[] = [];
  for (let index = 0; index < source.length; index += 1) {
    const token = source[index] as QuestionToken;
    const glued = (later: QuestionToken | undefined, gap: string) => later !== undefined && later.before.endsWith(gap) && later.at === token.at + token.text.length + gap.length;
    const afterWordHyphen = /\p{L}-$/u.test(token.before);
    const period = readPeriod(source, index, glued);
    if (period?.kind === 'not-a-period') {
      tokens.push(...source.slice(index, index + period.length).map((part): Token => ({ type: 'word', text: part.text })));
      index += period.length - 1;
    } else if (period && !afterWordHyphen) {
      tokens.push({ type: 'slot', kind: period.kind, value: period.value, text: source.slice(index, index + period.length).map((part) => part.text).join(' ') });
      index += period.length - 1;
    } else if (token.kind === 'number' && !afterWordHyphen) tokens.push(numberToken(token.text));
    else if (token.kind === 'date') tokens.push(...token.text.split('-').map((part): Token => ({ type: 'word', text: part })));
    else tokens.push({ type: 'word', text: token.word.replace(/['’‘`]/g, '') });
  }
  return tokens;
}

type Glued = (later: QuestionToken | undefined, gap: string) => boolean;

/** A period at `index`; `not-a-period` for text shaped like one that is not (`2023-13`), which stays words. */
function readPeriod(source: QuestionToken[], index: number, glued: Glued): { kind: VerifiedQuerySlot['kind'] | 'not-a-period'; value: string; length: number } | null {
  const token = source[index] as QuestionToken;
  const next = source[index + 1];
  if (token.kind === 'date') return isRealDate(token.text) ? { kind: 'date', value: token.text, length: 1 } : null;
  const year = (candidate: QuestionToken | undefined) => (candidate?.kind === 'number' && /^\d{4}$/.test(candidate.text) ? candidate.text : null);
  // 2025-03: a year, a hyphen, two digits, and no more date after it.
  if (year(token) !== null && next?.kind === 'number' && /^\d{2}$/.test(next.text) && glued(next, '-') && !source[index + 2]?.before.endsWith('-')) {
    const month = Number(next.text);
    return month >= 1 && month <= 12 ? { kind: 'month', value: `${token.text}-${next.text}`, length: 2 } : { kind: 'not-a-period', value: '', length: 2 };
  }
  const quarter = /^q([1-4])$/.exec(token.word);
  if (quarter) {
    const skip = source[index + 1]?.word === 'of' ? 1 : 0;
    const named = year(source[index + 1 + skip]);
    if (named !== null) return { kind: 'quarter', value: `${named}-Q${quarter[1]}`, length: 2 + skip };
  }
  const yearThenQuarter = /^(\d{4})q([1-4])$/.exec(token.word);
  if (yearThenQuarter) return { kind: 'quarter', value: `${yearThenQuarter[1]}-Q${yearThenQuarter[2]}`, length: 1 };
  if (year(token) !== null) {
    const after = /^q([1-4])$/.exec(next?.word ?? '');
    if (after) return { kind: 'quarter', value: `${token.text}-Q${after[1]}`, length: 2 };
  }
  const month = monthNumber(token.word);
  if (month !== null) {
    const skip = source[index + 1]?.word === 'of' ? 1 : 0;
    const named = year(source[index + 1 + skip]);
    if (named !== null) return { kind: 'month', value: `${named}-${String(month).padStart(2, '0')}`, length: 2 + skip };
  }
  return null;
}

function monthNumber(word: string): number | null {
  const full = MONTHS.indexOf(word);
  if (full >= 0) return full + 1;
  return english.monthAbbreviations[word] ?? null;
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
