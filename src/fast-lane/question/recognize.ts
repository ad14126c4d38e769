import type { CalendarDate } from './calendar.ts';
import { databaseNameAt, matchAt, type Lexicon, type LexiconMatch } from './lexicon.ts';
import { numberValue } from './numbers.ts';
import type { Piece, PieceBody } from './pieces.ts';
import {
  matchComparison, matchGrain, matchGrainFormat, matchHas, matchMoneyUnit, matchRounding, matchTop, type PatternMatch,
} from './recognize-patterns.ts';
import { matchTimeFilter } from './time-expressions.ts';
import { wordAt } from './token-match.ts';
import { quotedText, type Token } from './tokenize.ts';
import { matchVocabulary } from './vocabulary.ts';

/**
 * Reads a tokenized question left to right into pieces, longest match first: periods, fixed patterns, then the
 * lexicon (entities, fields, values) against the grammar words. Glue words leave no piece; a word nothing explains
 * becomes an `unknown` piece, and the parser will abstain naming it.
 */
export function recognize(tokens: readonly Token[], lexicon: Lexicon, today: CalendarDate): Piece[] {
  const pieces: Piece[] = [];
  let index = 0;
  const emit = (length: number, body: PieceBody) => {
    const text = tokens
      .slice(index, index + length)
      .filter((token) => token.kind !== 'symbol' || '€$£'.includes(token.text))
      .map((token) => token.text)
      .join(' ');
    pieces.push({ ...body, start: index, length, text });
    index += length;
  };
  while (index < tokens.length) {
    const token = tokens[index] as Token;
    if (token.quote !== null) {
      const [quoted] = matchAt(lexicon, tokens, index);
      const inside = tokens.filter((candidate) => candidate.quote === token.quote).length;
      if (quoted) emit(quoted.length, { kind: 'meaning', options: quoted.meanings });
      else {
        pieces.push({ kind: 'unknown', start: index, length: inside, text: `"${quotedText(tokens, token.quote)}"` });
        index += inside;
      }
      continue;
    }
    const time = matchTimeFilter(tokens, index, today);
    if (time) {
      emit(time.length, { kind: 'time', range: time.range });
      continue;
    }
    const pattern = matchPattern(tokens, index, lexicon);
    if (pattern) {
      emit(pattern.length, pattern.body);
      continue;
    }
    if (token.kind === 'symbol') {
      index += 1;
      continue;
    }
    const [named] = matchAt(lexicon, tokens, index);
    const grain = matchGrain(tokens, index);
    if (grain && (named === undefined || named.length <= grain.length)) {
      emit(grain.length, grain.body);
      continue;
    }
    const database = databaseNameAt(lexicon, tokens, index);
    if (database > 0 && (named === undefined || named.length <= database)) {
      index += database;
      continue;
    }
    const grammar = matchVocabulary(tokens.slice(index, index + 6).map((_, offset) => wordAt(tokens, index + offset)));
    const grammarWins = grammar !== null && (named === undefined || grammar.length > named.length || (grammar.length === named.length && grammar.entry !== 'glue'));
    if (grammarWins) {
      if (grammar.entry === 'glue') index += grammar.length;
      else emit(grammar.length, grammar.entry);
      continue;
    }
    if (named) {
      emit(named.length, { kind: 'meaning', options: named.meanings });
      // "quantity value", "status values": the word names the field's values, nothing more.
      if (named.meanings.every((meaning) => meaning.kind === 'field') && ['value', 'values'].includes(wordAt(tokens, index))) index += 1;
      continue;
    }
    const number = numberValue(token);
    if (number !== null) emit(1, { kind: 'number', value: number });
    else emit(1, { kind: 'unknown' });
  }
  return pieces;
}

function matchPattern(tokens: readonly Token[], index: number, lexicon: Lexicon): PatternMatch | null {
  return (
    matchGrainFormat(tokens, index) ??
    matchRounding(tokens, index) ??
    matchHasEntity(tokens, index, lexicon) ??
    matchComparison(tokens, index) ??
    matchMoneyUnit(tokens, index) ??
    matchTop(tokens, index) ??
    matchTotal(tokens, index, lexicon)
  );
}

/** "at least one" is existence when an entity follows ("at least one order"), else a comparison. */
function matchHasEntity(tokens: readonly Token[], index: number, lexicon: Lexicon): PatternMatch | null {
  const has = matchHas(tokens, index);
  if (!has) return null;
  const [next] = matchAt(lexicon, tokens, index + has.length);
  return next && next.meanings.every((meaning) => meaning.kind === 'entity') ? has : null;
}

/**
 * "total" is a sum when a measure follows ("total value", "total revenue"), a count when an entity follows ("total
 * orders"), and otherwise a name ("order total"). "in total" is glue, read by the vocabulary before this.
 */
function matchTotal(tokens: readonly Token[], index: number, lexicon: Lexicon): PatternMatch | null {
  if (wordAt(tokens, index) !== 'total') return null;
  const [next]: LexiconMatch[] = matchAt(lexicon, tokens, index + 1);
  if (!next) return null;
  if (next.meanings.some((meaning) => meaning.kind === 'field' && meaning.field.role === 'measure')) return { length: 1, body: { kind: 'aggregate', fn: 'sum' } };
  if (next.meanings.every((meaning) => meaning.kind === 'entity')) return { length: 1, body: { kind: 'count' } };
  return null;
}
