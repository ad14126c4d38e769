import { english } from '../../language/english.ts';
import { isWholeNumber, numberValue } from './numbers.ts';
import type { Comparison, Grain, MoneyUnit, PieceBody } from './pieces.ts';
import { isSymbol, matchWords, wordAt } from './token-match.ts';
import type { Token } from './tokenize.ts';

/** Fixed multi-word patterns: comparisons, money units, rounding, "top N", grains and "give the year as a number". */

export interface PatternMatch {
  length: number;
  body: PieceBody;
}

const grains = Object.entries(english.grains) as [Grain, string[]][];
/** Nouns ("month", "months") and adjectives ("monthly") of each grain; an adjective stands alone, a noun may follow "calendar". */
const grainWords: Record<string, Grain> = Object.fromEntries(grains.flatMap(([grain, words]) => words.filter((word) => !/ly$|ual$/.test(word)).map((word) => [word, grain])));
const grainAdjectives: Record<string, Grain> = Object.fromEntries(grains.flatMap(([grain, words]) => words.filter((word) => /ly$|ual$/.test(word)).map((word) => [word, grain])));

const operators: [string[], Comparison][] = (Object.entries(english.comparisons) as [Comparison, string[]][]).flatMap(([operator, phrases]) =>
  phrases.map((phrase): [string[], Comparison] => [phrase.split(' '), operator]),
);

/** A money unit word or symbol at `index`. */
function moneyUnitAt(tokens: readonly Token[], index: number): MoneyUnit | null {
  const token = tokens[index];
  if (!token || token.quote !== null) return null;
  for (const currency of Object.values(english.money.currencies)) {
    const matches = token.kind === 'symbol' ? currency.symbols.includes(token.text) : currency.words.includes(token.word);
    if (matches) return { scale: 'major', currency: currency.words[0] ?? null };
  }
  return token.kind === 'word' && english.money.minor.words.includes(token.word) ? { scale: 'minor' } : null;
}

/** A unit of measure written out ("minutes", "km"); one-letter symbols and "min" (also minimum) are left alone. */
function measurementUnitAt(tokens: readonly Token[], index: number): MoneyUnit | null {
  const word = wordAt(tokens, index);
  if (word.length < 2 || word === 'min') return null;
  const unit = english.measurementUnits.find((candidate) => candidate.words.includes(word));
  return unit ? { scale: 'measure', name: unit.name } : null;
}

/** `[€]N[ unit]`: a number with an optional money unit before or after it. */
function amountAt(tokens: readonly Token[], start: number): { length: number; value: number; unit: MoneyUnit | null } | null {
  const before = isSymbol(tokens, start, '€$£') ? moneyUnitAt(tokens, start) : null;
  const at = start + (before ? 1 : 0);
  const value = numberValue(tokens[at]);
  if (value === null) return null;
  const after = before ? null : (moneyUnitAt(tokens, at + 1) ?? measurementUnitAt(tokens, at + 1));
  return { length: at - start + 1 + (after ? 1 : 0), value, unit: before ?? after };
}

export function matchComparison(tokens: readonly Token[], start: number): PatternMatch | null {
  if (wordAt(tokens, start) === 'between') {
    const low = amountAt(tokens, start + 1);
    if (!low || wordAt(tokens, start + 1 + low.length) !== 'and') return null;
    const high = amountAt(tokens, start + 2 + low.length);
    if (!high || (low.unit && high.unit && low.unit.scale !== high.unit.scale)) return null;
    return { length: 2 + low.length + high.length, body: { kind: 'compare', operator: 'between', values: [low.value, high.value], unit: high.unit ?? low.unit } };
  }
  for (const [words, operator] of operators) {
    const length = matchWords(tokens, start, words.map((word) => [word]));
    if (length === null) continue;
    const amount = amountAt(tokens, start + length);
    if (!amount) continue;
    return { length: length + amount.length, body: { kind: 'compare', operator, values: [amount.value], unit: amount.unit } };
  }
  // "100 euros or more", "3 or fewer".
  const amount = amountAt(tokens, start);
  if (!amount) return null;
  const tail = matchWords(tokens, start + amount.length, [['or'], ['more', 'less', 'fewer', 'over', 'under']]);
  if (tail === null) return null;
  const operator = wordAt(tokens, start + amount.length + 1);
  return { length: amount.length + tail, body: { kind: 'compare', operator: operator === 'more' || operator === 'over' ? '>=' : '<=', values: [amount.value], unit: amount.unit } };
}

export function matchMoneyUnit(tokens: readonly Token[], start: number): PatternMatch | null {
  const skip = wordAt(tokens, start) === 'in' ? 1 : 0;
  // A unit of measure needs its "in": "in minutes".
  const unit = moneyUnitAt(tokens, start + skip) ?? (skip === 1 ? measurementUnitAt(tokens, start + skip) : null);
  return unit ? { length: skip + 1, body: { kind: 'unit', unit } } : null;
}

export function matchRounding(tokens: readonly Token[], start: number): PatternMatch | null {
  const lead = matchWords(tokens, start, [['rounded', 'round', 'rounding', 'to', 'with'], ['to', ''], ['the', '']]);
  if (lead === null) return null;
  const digits = numberValue(tokens[start + lead]);
  if (!isWholeNumber(digits) || digits > 10) return null;
  const tail = matchWords(tokens, start + lead + 1, [['decimal', 'decimals', 'places', 'digits', 'digit', 'place'], ['places', 'place', 'digits', '']]);
  if (tail === null) return null;
  // "to 2 decimals" alone is rounding; "with 2 decimals" too; a bare "to" needs the unit word right after.
  return { length: lead + 1 + tail, body: { kind: 'round', digits } };
}

export function matchTop(tokens: readonly Token[], start: number): PatternMatch | null {
  const word = wordAt(tokens, start);
  if (word !== 'top' && word !== 'bottom') return null;
  const count = numberValue(tokens[start + 1]);
  const direction = word === 'top' ? 'desc' : 'asc';
  if (isWholeNumber(count) && count > 0) return { length: 2, body: { kind: 'top', count, direction } };
  return { length: 1, body: { kind: 'top', count: null, direction } };
}

export function matchGrain(tokens: readonly Token[], start: number): PatternMatch | null {
  const adjective = grainAdjectives[wordAt(tokens, start)];
  if (adjective) return { length: 1, body: { kind: 'grain', grain: adjective } };
  const skip = wordAt(tokens, start) === 'calendar' ? 1 : 0;
  const grain = grainWords[wordAt(tokens, start + skip)];
  return grain ? { length: skip + 1, body: { kind: 'grain', grain } } : null;
}

/** "give the year as a number", "(month as a number from 1 to 12)". */
export function matchGrainFormat(tokens: readonly Token[], start: number): PatternMatch | null {
  const lead = matchWords(tokens, start, [['give', 'show', 'return', 'with', ''], ['the', '']]);
  if (lead === null) return null;
  const grain = grainWords[wordAt(tokens, start + lead)];
  if (!grain) return null;
  const middle = matchWords(tokens, start + lead + 1, [['as'], ['a', 'an'], ['number', 'integer']]);
  if (middle === null) return null;
  let length = lead + 1 + middle;
  const range = matchWords(tokens, start + length, [['from', 'between']]);
  if (range !== null && numberValue(tokens[start + length + 1]) !== null && ['to', 'and'].includes(wordAt(tokens, start + length + 2)) && numberValue(tokens[start + length + 3]) !== null) {
    length += 4;
  }
  return { length, body: { kind: 'grain-format', grain } };
}

/** "at least one order": rows that have one (an entity must follow, which the caller checks). */
export function matchHas(tokens: readonly Token[], start: number): PatternMatch | null {
  const length = matchWords(tokens, start, [['at'], ['least'], ['one', '1']]);
  return length === null ? null : { length, body: { kind: 'has' } };
}
