import { english } from '../../language/english.ts';
import type { Direction, PieceBody } from './pieces.ts';

/**
 * The fast lane's grammar words, from the language resource: what each phrase does in a question. `glue` words carry
 * no meaning in a data question ("the", "were", "respectively"); anything not listed here, in the time expressions or
 * in the lexicon is a word the parser does not understand, and it abstains.
 */

type Entry = PieceBody | 'glue';

const grammar = english.grammar;
const each = (phrases: readonly string[], entry: Entry): [string, Entry][] => phrases.map((words) => [words, entry]);
const directions = ['desc', 'asc'] as const satisfies readonly Direction[];

const entries: [string, Entry][] = [
  ...each(grammar.glue, 'glue'),
  ...each(grammar.count, { kind: 'count' }),
  ...each(grammar.howMuch, { kind: 'how-much' }),
  ...(['sum', 'avg', 'min', 'max'] as const).flatMap((fn) => each(grammar.aggregates[fn], { kind: 'aggregate', fn })),
  ...(['plain', 'count', 'price', 'time'] as const).flatMap((flavor) => directions.flatMap((direction) => each(grammar.superlatives[flavor][direction], { kind: 'extreme', direction, flavor }))),
  ...each(grammar.distinct, { kind: 'distinct' }),
  ...each(grammar.list, { kind: 'list' }),
  ...each(grammar.listOne, { kind: 'list', one: true }),
  ...each(grammar.when, { kind: 'when' }),
  ...grammar.groups.map(({ words, bare, by }): [string, Entry] => [words, { kind: 'group', bare, by }]),
  ...each(grammar.negation, { kind: 'negation' }),
  ...each(grammar.absence, { kind: 'no' }),
  ...each(grammar.existence, { kind: 'has' }),
  ...each(grammar.anyValue, { kind: 'any' }),
  ...each(grammar.quantifier, { kind: 'quantifier' }),
  ...each(grammar.people, { kind: 'people' }),
  ...each(grammar.and, { kind: 'and' }),
  ...each(grammar.or, { kind: 'or' }),
  ...each(grammar.conditional.measure, { kind: 'conditional', needs: 'measure' }),
  ...each(grammar.conditional.period, { kind: 'conditional', needs: 'period' }),
  ...each(grammar.sortBy, { kind: 'sort-by' }),
  ...each(grammar.alphabetical, { kind: 'alphabetical' }),
  ...directions.flatMap((direction) => each(grammar.order[direction], { kind: 'order', direction })),
  ...each(grammar.keys, { kind: 'keys' }),
];

export interface VocabularyMatch {
  length: number;
  entry: Entry;
}

// Later entries win: a phrase listed as glue and as grammar ("by" in "made by") is read as the more specific one.
const byWords = new Map(entries.map(([words, entry]) => [words, entry]));
const longest = Math.max(...entries.map(([words]) => words.split(' ').length));

/** The longest grammar phrase starting at the given words. */
export function matchVocabulary(words: readonly string[]): VocabularyMatch | null {
  for (let length = Math.min(longest, words.length); length >= 1; length -= 1) {
    const slice = words.slice(0, length);
    if (slice.some((word) => word === '')) continue;
    const entry = byWords.get(slice.join(' '));
    if (entry !== undefined) return { length, entry };
  }
  return null;
}
