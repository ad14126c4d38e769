import { parseDate } from './calendar.ts';
import { buildPlan, describeLeftovers } from '../plan/build-plan.ts';
import { compilePlan } from '../compile/compile-plan.ts';
import { explainPlan } from '../plan/explain-plan.ts';
import type { Lexicon } from './lexicon.ts';
import type { Piece, ResolvedPiece } from './pieces.ts';
import { recognize } from './recognize.ts';
import type { SemanticEntity } from '../semantic-layer/semantic-layer-types.ts';
import { tokenize } from './tokenize.ts';

/**
 * Question → SQL, deterministically. Every reading of the question (each phrase with each of its meanings) is built
 * into a plan; the parser answers only when exactly one SQL statement comes out, and otherwise abstains with the
 * words it did not understand or the ambiguity it saw.
 */

export type ParseOutcome =
  | { kind: 'answered'; sql: string; explanation: string }
  | { kind: 'abstained'; reason: string };

const maxReadings = 256;
/** Adverbs that can sit inside a phrase ("reports directly to") and mean nothing to a query. */
const fillers = new Set(['directly', 'actually', 'really', 'currently', 'please']);

export function parseQuestion(question: string, lexicon: Lexicon, today: string): ParseOutcome {
  const date = parseDate(today);
  if (!date) return { kind: 'abstained', reason: `"${today}" is not a date (YYYY-MM-DD)` };
  const tokens = tokenize(question)
    .filter((token) => !(token.kind === 'word' && token.quote === null && fillers.has(token.word)))
    .map((token, index) => ({ ...token, index }));
  if (tokens.length === 0) return { kind: 'abstained', reason: 'the question is empty' };
  const pieces = recognize(tokens, lexicon, date);
  const unknown = pieces.filter((piece) => piece.kind === 'unknown');
  if (unknown.length > 0) return { kind: 'abstained', reason: describeLeftovers(unknown as ResolvedPiece[]) };
  const readings = expandReadings(pieces);
  if (readings === null) return { kind: 'abstained', reason: 'the question has too many possible readings' };
  const answers = new Map<string, { explanation: string; reading: ResolvedPiece[]; anchored: number }>();
  let bestFailure: { reason: string; leftovers: number } | null = null;
  for (const reading of readings) {
    const outcome = buildPlan(lexicon.layer, reading);
    if (outcome.ok) {
      const sql = compilePlan(lexicon.layer, outcome.plan);
      // Two readings that compute the same thing under other column names ("order total" the column, or the metric) are one answer.
      const sameComputation = [...answers.keys()].some((known) => withoutAliases(known) === withoutAliases(sql));
      if (!answers.has(sql) && !sameComputation) answers.set(sql, { explanation: explainPlan(lexicon.layer, outcome.plan), reading, anchored: anchoredMeanings(reading, outcome.plan.base) });
    } else if (bestFailure === null || outcome.leftovers < bestFailure.leftovers) {
      bestFailure = outcome;
    }
  }
  // Of several readings, keep those whose words belong most to the tables the question names.
  const best = Math.max(...[...answers.values()].map((answer) => answer.anchored));
  for (const [sql, answer] of answers) if (answer.anchored < best) answers.delete(sql);
  const [only, ...more] = [...answers.entries()];
  if (only && more.length === 0) return { kind: 'answered', sql: only[0], explanation: only[1].explanation };
  if (answers.size > 1) return { kind: 'abstained', reason: describeAmbiguity([...answers.values()].map((answer) => answer.reading)) };
  return { kind: 'abstained', reason: bestFailure?.reason ?? 'I could not read the question' };
}

function withoutAliases(sql: string): string {
  return sql.replace(/ AS [a-z_][a-z0-9_]*/g, '');
}

/** How many of the reading's fields and values belong to the base or to an entity the question names. */
function anchoredMeanings(reading: ResolvedPiece[], base: SemanticEntity): number {
  const named = new Set([base.key, ...reading.flatMap((piece) => (piece.kind === 'entity' ? [piece.entity.key] : []))]);
  return reading.filter((piece) => (piece.kind === 'field' || piece.kind === 'value') && named.has(piece.field.entityKey)).length;
}

/** Every combination of meanings for the pieces that have several; null when there are too many. */
function expandReadings(pieces: Piece[]): ResolvedPiece[][] | null {
  let readings: ResolvedPiece[][] = [[]];
  for (const [index, piece] of pieces.entries()) {
    if (piece.kind !== 'meaning') {
      readings = readings.map((reading) => [...reading, piece]);
      continue;
    }
    const { start, length, text } = piece;
    // "appointments scheduled on 2025-06-10": a word right before a period is the date it names, not a value ("scheduled").
    const dated = pieces[index + 1]?.kind === 'time' && piece.options.some((meaning) => meaning.kind === 'field' && meaning.field.role === 'time');
    const options = dated ? piece.options.filter((meaning) => meaning.kind !== 'value') : piece.options;
    readings = readings.flatMap((reading) => options.map((meaning) => [...reading, { ...meaning, start, length, text } as ResolvedPiece]));
    if (readings.length > maxReadings) return null;
  }
  return readings;
}

function describeMeaning(piece: ResolvedPiece): string {
  if (piece.kind === 'entity') return piece.entity.sqlName;
  if (piece.kind === 'field') return `${piece.field.entityKey.split('.').pop()}.${piece.field.column}`;
  if (piece.kind === 'value') return `${piece.field.entityKey.split('.').pop()}.${piece.field.column} = '${piece.value}'`;
  if (piece.kind === 'pii') return `${piece.entity.table}.${piece.column}`;
  return piece.text;
}

/** `"price" could mean products.price_cents or order_items.unit_price_cents`. */
function describeAmbiguity(readings: ResolvedPiece[][]): string {
  const [first, ...others] = readings;
  if (!first) return 'the question can be read in several ways';
  for (const [index, piece] of first.entries()) {
    const alternatives = new Set([describeMeaning(piece), ...others.map((reading) => describeMeaning(reading[index] as ResolvedPiece))]);
    if (alternatives.size > 1 && ['entity', 'field', 'value', 'pii'].includes(piece.kind)) {
      return `"${piece.text}" could mean ${[...alternatives].join(' or ')}`;
    }
  }
  return 'the question can be read in several ways';
}
