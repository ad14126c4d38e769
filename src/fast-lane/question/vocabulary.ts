import type { PieceBody } from './pieces.ts';

/**
 * The fast lane's grammar words. `glue` words carry no meaning in a data question ("the", "were", "placed",
 * "live in"); anything not listed here, in the time expressions or in the lexicon is a word the parser does not
 * understand, and it abstains.
 */

type Entry = PieceBody | 'glue';

const entries: [string, Entry][] = [
  ['how many', { kind: 'count' }], ['number of', { kind: 'count' }], ['count of', { kind: 'count' }], ['count', { kind: 'count' }],
  ['counts', { kind: 'count' }], ['total number of', { kind: 'count' }], ['how much', { kind: 'how-much' }],
  ['sum of', { kind: 'aggregate', fn: 'sum' }], ['sum', { kind: 'aggregate', fn: 'sum' }], ['summing', { kind: 'aggregate', fn: 'sum' }],
  ['summed', { kind: 'aggregate', fn: 'sum' }], ['average', { kind: 'aggregate', fn: 'avg' }], ['avg', { kind: 'aggregate', fn: 'avg' }],
  ['mean', { kind: 'aggregate', fn: 'avg' }], ['minimum', { kind: 'aggregate', fn: 'min' }], ['min', { kind: 'aggregate', fn: 'min' }],
  ['maximum', { kind: 'aggregate', fn: 'max' }], ['max', { kind: 'aggregate', fn: 'max' }],
  ['highest', { kind: 'extreme', direction: 'desc', flavor: 'plain' }], ['largest', { kind: 'extreme', direction: 'desc', flavor: 'plain' }],
  ['biggest', { kind: 'extreme', direction: 'desc', flavor: 'plain' }], ['greatest', { kind: 'extreme', direction: 'desc', flavor: 'plain' }],
  ['lowest', { kind: 'extreme', direction: 'asc', flavor: 'plain' }], ['smallest', { kind: 'extreme', direction: 'asc', flavor: 'plain' }],
  ['most', { kind: 'extreme', direction: 'desc', flavor: 'count' }], ['fewest', { kind: 'extreme', direction: 'asc', flavor: 'count' }],
  ['least', { kind: 'extreme', direction: 'asc', flavor: 'count' }], ['most common', { kind: 'extreme', direction: 'desc', flavor: 'count' }],
  ['most frequent', { kind: 'extreme', direction: 'desc', flavor: 'count' }], ['least common', { kind: 'extreme', direction: 'asc', flavor: 'count' }],
  ['most expensive', { kind: 'extreme', direction: 'desc', flavor: 'price' }], ['priciest', { kind: 'extreme', direction: 'desc', flavor: 'price' }],
  ['costliest', { kind: 'extreme', direction: 'desc', flavor: 'price' }], ['cheapest', { kind: 'extreme', direction: 'asc', flavor: 'price' }],
  ['least expensive', { kind: 'extreme', direction: 'asc', flavor: 'price' }],
  ['most recent', { kind: 'extreme', direction: 'desc', flavor: 'time' }], ['latest', { kind: 'extreme', direction: 'desc', flavor: 'time' }],
  ['newest', { kind: 'extreme', direction: 'desc', flavor: 'time' }], ['last', { kind: 'extreme', direction: 'desc', flavor: 'time' }],
  ['earliest', { kind: 'extreme', direction: 'asc', flavor: 'time' }], ['oldest', { kind: 'extreme', direction: 'asc', flavor: 'time' }],
  ['first', { kind: 'extreme', direction: 'asc', flavor: 'time' }],
  ['different', { kind: 'distinct' }], ['distinct', { kind: 'distinct' }], ['unique', { kind: 'distinct' }],
  ['which', { kind: 'list' }], ['what', { kind: 'list' }], ['what is', { kind: 'list', one: true }], ['what was', { kind: 'list', one: true }], ['list', { kind: 'list' }], ['show', { kind: 'list' }],
  ['show me', { kind: 'list' }], ['give me', { kind: 'list' }], ['tell me', { kind: 'list' }], ['display', { kind: 'list' }],
  ['when', { kind: 'when' }],
  ['per', { kind: 'group', bare: false, by: false }], ['by', { kind: 'group', bare: false, by: true }],
  ['for each', { kind: 'group', bare: false, by: false }], ['for every', { kind: 'group', bare: false, by: false }],
  ['in each', { kind: 'group', bare: false, by: false }], ['in every', { kind: 'group', bare: false, by: false }],
  ['grouped by', { kind: 'group', bare: false, by: false }], ['broken down by', { kind: 'group', bare: false, by: false }],
  ['split by', { kind: 'group', bare: false, by: false }], ['each', { kind: 'group', bare: true, by: false }],
  ['every', { kind: 'group', bare: true, by: false }],
  ['not', { kind: 'negation' }], ['excluding', { kind: 'negation' }], ['exclude', { kind: 'negation' }], ['except', { kind: 'negation' }],
  ['except for', { kind: 'negation' }], ['other than', { kind: 'negation' }], ['not counting', { kind: 'negation' }],
  ['apart from', { kind: 'negation' }], ['but not', { kind: 'negation' }], ['non', { kind: 'negation' }], ['ignoring', { kind: 'negation' }],
  ['no', { kind: 'no' }], ['without', { kind: 'no' }], ['without a', { kind: 'no' }], ['without any', { kind: 'no' }],
  ['at least one', { kind: 'has' }], ['at least 1', { kind: 'has' }],
  ['whatever', { kind: 'any' }], ['regardless of', { kind: 'any' }], ['irrespective of', { kind: 'any' }], ['any', { kind: 'any' }],
  ['all', { kind: 'quantifier' }],
  ['people', { kind: 'people' }], ['persons', { kind: 'people' }],
  ['and', { kind: 'and' }], ['or', { kind: 'or' }], ['sold', { kind: 'conditional', needs: 'measure' }],
  ['ordered', { kind: 'conditional', needs: 'measure' }], ['bought', { kind: 'conditional', needs: 'measure' }],
  ['purchased', { kind: 'conditional', needs: 'measure' }], ['new', { kind: 'conditional', needs: 'period' }],
  ['most expensive first', { kind: 'order', direction: 'desc' }], ['least expensive first', { kind: 'order', direction: 'asc' }],
  ['in descending order', { kind: 'order', direction: 'desc' }], ['descending', { kind: 'order', direction: 'desc' }],
  ['in ascending order', { kind: 'order', direction: 'asc' }], ['ascending', { kind: 'order', direction: 'asc' }],
  ...['most', 'highest', 'largest', 'biggest', 'best', 'top', 'newest', 'latest', 'most recent'].map((word): [string, Entry] => [`${word} first`, { kind: 'order', direction: 'desc' }]),
  ...['fewest', 'least', 'lowest', 'smallest', 'cheapest', 'oldest', 'earliest'].map((word): [string, Entry] => [`${word} first`, { kind: 'order', direction: 'asc' }]),
  ...['most to fewest', 'most to least', 'highest to lowest', 'largest to smallest', 'biggest to smallest', 'newest to oldest'].map(
    (words): [string, Entry] => [`from ${words}`, { kind: 'order', direction: 'desc' }],
  ),
  ...['fewest to most', 'least to most', 'lowest to highest', 'smallest to largest', 'oldest to newest'].map(
    (words): [string, Entry] => [`from ${words}`, { kind: 'order', direction: 'asc' }],
  ),
  ...[
    'the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'into', 'is', 'are', 'was', 'were', 'be', 'been',
    'being', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'having', 'there', 'here', 'we', 'our', 'you', 'your', 'i',
    'me', 'my', 'it', 'its', 'their', 'they', 'them', 'this', 'that', 'these', 'those', 'currently',
    'ever', 'very', 'so far', 'overall', 'altogether', 'in total', 'in all', 'please', 'exist', 'exists', 'existing',
    'now', 'right now', 'just', 'only', 'at all', 'to date', 'of all time', 'all time', 'over all',
    'the shop', 'the store', 'the company', 'our shop', 'our store', 'our company', 'we have', 'do we have',
    'did we have', 'did we get', 'do we get', 'we got', 'have we got', 'did we receive', 'do we receive', 'we received',
    'have we received', 'came from', 'coming from',
    'placed', 'place', 'made', 'make', 'opened', 'created', 'submitted', 'raised', 'filed', 'logged', 'live', 'lives', 'living', 'located', 'based', 'work', 'works',
    'working', 'employed', 'sell', 'sells', 'single', 'individual', 'directly', 'come from', 'comes from',
    'placed by', 'made by', 'opened by', 'created by', 'submitted by', 'raised by', 'filed by', 'written by', 'sent by',
    'bought by', 'ordered by', 'purchased by', 'registered by', 'as well as', 'together with', 'along with', 'alongside', 'respectively', 'corresponding', 'them all',
  ].map((words): [string, Entry] => [words, 'glue']),
];

export interface VocabularyMatch {
  length: number;
  entry: Entry;
}

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
