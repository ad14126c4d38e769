import type { DateRange } from './calendar.ts';
import type { Meaning } from './lexicon.ts';

/** What the recognizer makes of a stretch of the question, before the plan builder puts the pieces together. */

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type Direction = 'desc' | 'asc';
export type Comparison = '>' | '>=' | '<' | '<=' | '=' | 'between';
export type AggregateFunction = 'sum' | 'avg' | 'min' | 'max';

export type PieceBody =
  /** "how many", "number of", "count". */
  | { kind: 'count' }
  /** "how much": a sum of a measure. */
  | { kind: 'how-much' }
  /** "total", "sum", "average", "minimum", "maximum". */
  | { kind: 'aggregate'; fn: AggregateFunction }
  /**
   * Superlatives. plain: "highest", "largest"; count: "most", "fewest", "most common"; price: "most expensive",
   * "cheapest"; time: "most recent", "latest", "first", "oldest".
   */
  | { kind: 'extreme'; direction: Direction; flavor: 'plain' | 'count' | 'price' | 'time' }
  | { kind: 'distinct' }
  /** "which", "what", "list", "show". */
  /** `one`: "what is", "what was": one value is asked for, not a list. */
  | { kind: 'list'; one?: true }
  | { kind: 'when' }
  /** "per", "by", "for each", "in each"; `bare` for a lone "each"/"every", which may just mean "all". */
  | { kind: 'group'; bare: boolean; by: boolean }
  | { kind: 'negation' }
  /** "no", "without", "has no": a NULL check on the next field. */
  | { kind: 'no' }
  | { kind: 'compare'; operator: Comparison; values: number[]; unit: MoneyUnit | null }
  | { kind: 'time'; range: DateRange }
  | { kind: 'grain'; grain: Grain }
  /** "give the year as a number (from 1 to 12)": satisfied by a grain group. */
  | { kind: 'grain-format'; grain: Grain }
  /** "top 5", "bottom 3"; count null for a bare "top". */
  | { kind: 'top'; count: number | null; direction: Direction }
  | { kind: 'number'; value: number }
  /** "most first", "from highest to lowest", "in ascending order". */
  | { kind: 'order'; direction: Direction }
  | { kind: 'unit'; unit: MoneyUnit }
  | { kind: 'round'; digits: number }
  /** "at least one" before an entity: rows that have one. */
  | { kind: 'has' }
  /** "whatever", "regardless of", "all", "any" before a dimension: no filter on it. */
  | { kind: 'any' }
  /** "(by id)", "their IDs": rows are shown by their key. */
  | { kind: 'keys' }
  /** "sorted by", "order the results by": the next piece says what to sort on. */
  | { kind: 'sort-by' }
  /** "sorted alphabetically": rows, groups or values in the order of their names. */
  | { kind: 'alphabetical' }
  /** "people", "persons": whichever entity the rest of the question is about. */
  | { kind: 'people' }
  | { kind: 'and' }
  | { kind: 'or' }
  /**
   * Words that only mean nothing in the right company: "sold" when a measure is aggregated ("units sold"), "new" when
   * the question names a period ("new customers last month").
   */
  | { kind: 'conditional'; needs: 'measure' | 'period' }
  /** "all", "every", "each" before an entity. */
  | { kind: 'quantifier' }
  | { kind: 'meaning'; options: Meaning[] }
  | { kind: 'unknown' };

/** Money in major units (euros) or minor units (cents), or a unit of measure named in the question ("in minutes"). */
export type MoneyUnit = { scale: 'major'; currency: string | null } | { scale: 'minor' } | { scale: 'measure'; name: string };

export type Piece = PieceBody & {
  /** First token and number of tokens. */
  start: number;
  length: number;
  /** The words as typed. */
  text: string;
};

/** A piece whose lexicon meaning has been chosen. */
export type ResolvedPiece = Exclude<Piece, { kind: 'meaning' }> | (Meaning & { start: number; length: number; text: string });
