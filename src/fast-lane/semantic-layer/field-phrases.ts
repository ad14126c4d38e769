import { english } from '../../language/english.ts';
import { splitCompound } from '../../language/words.ts';
import { nameWords, wordKey } from './words.ts';

/**
 * The word sequences that name a table or column in questions, read from identifiers that are not always words:
 * names run together (`teacherid` → teacher id), abbreviations (`custCity` in customers → city, `qty` → quantity),
 * units stored in the name (`duration_min` → duration, in minutes; `price_cents` → price, in cents) and time suffixes
 * (`created_at` → created). Synonyms from the semantic model are added as written.
 */

const moneyUnitWords = new Set(english.money.minor.words);
const measurementUnitWords = new Map(english.measurementUnits.flatMap((unit) => unit.words.map((word) => [word, unit.name] as const)));
const timeSuffixWords = new Set(english.timeSuffixes);
const abbreviations = new Map(Object.entries(english.abbreviations));
const flagVerbs = new Set(['is', 'has', 'was', 'flag', 'can']);

/** Words an identifier is made of, names run together split on the words the schema and the language know. */
export function identifierPhrase(identifier: string, known: ReadonlySet<string>): string[] {
  return nameWords(identifier).flatMap((word) => splitCompound(word, known) ?? [word]);
}

function sameWords(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((word, index) => wordKey(word) === wordKey(right[index] as string));
}

/** `cust` for customer, `emp` for employee, `dept` for department: a listed abbreviation, or its letters in order with the same first letter. */
export function abbreviates(short: string, word: string): boolean {
  if (abbreviations.get(short) === word) return true;
  if (short.length < 3 || short.length >= word.length || short[0] !== word[0]) return false;
  let at = 0;
  for (const letter of word) if (letter === short[at]) at += 1;
  return at === short.length && word.startsWith(short.slice(0, 2));
}

/** The words without a leading mention of the entity (`customer_country`, `custCity` in customers → country, city). */
function withoutEntity(words: readonly string[], entityWords: readonly string[]): string[] | null {
  if (entityWords.length === 0 || words.length <= 1) return null;
  if (words.length > entityWords.length && sameWords(words.slice(0, entityWords.length), entityWords)) return words.slice(entityWords.length);
  const last = entityWords[entityWords.length - 1] as string;
  if (abbreviates(words[0] as string, last) || wordKey(words[0] as string) === wordKey(last)) return words.slice(1);
  return null;
}

function withoutTrailing(words: string[], drop: (word: string) => boolean): string[] {
  let end = words.length;
  while (end > 1 && drop(words[end - 1] as string)) end -= 1;
  return words.slice(0, end);
}

export interface ColumnNaming {
  /** What the column is called, without unit, time suffix or entity prefix: `custCity` → city, `created_at` → created. */
  label: string[];
  /** Money in minor units (`cents`), or a unit of measure (`minutes`), from the name. */
  unit: string | null;
  phrases: string[][];
  /** Parts of the name a question may use alone, when they fit one field only. */
  partials: string[][];
}

export interface NamingSource {
  column: string;
  synonyms: readonly string[];
  isTime: boolean;
  /** The singular words of the owning entity (`order`, `support ticket`). */
  entityWords: readonly string[];
  /** For a foreign key: the singular words of the referenced entity. */
  referencedWords?: readonly string[] | undefined;
  /** A boolean column: `is_returned`, `has_discount` are named by what follows the verb. */
  isFlag?: boolean | undefined;
  known: ReadonlySet<string>;
}

export function nameColumn(source: NamingSource): ColumnNaming {
  const phrases: string[][] = [];
  const add = (words: string[] | null) => {
    if (!words || words.length === 0 || sameWords(words, source.entityWords)) return;
    if (!phrases.some((existing) => sameWords(existing, words))) phrases.push(words);
  };
  const full = identifierPhrase(source.column, source.known);
  const expanded = full.map((word) => abbreviations.get(word) ?? word).join(' ').split(' ');
  const lastWord = full[full.length - 1] as string;
  const unit = full.length > 1 && moneyUnitWords.has(lastWord) ? 'cents' : full.length > 1 ? (measurementUnitWords.get(lastWord) ?? null) : null;
  const dropUnit = (words: string[]) => (unit === null ? words : withoutTrailing(words, (word) => moneyUnitWords.has(word) || measurementUnitWords.has(word)));
  const dropTime = (words: string[]) => (source.isTime ? withoutTrailing(words, (word) => timeSuffixWords.has(word)) : words);
  const dropVerb = (words: string[]) => (source.isFlag && words.length > 1 && flagVerbs.has(words[0] as string) ? words.slice(1) : words);
  let label = dropVerb(dropTime(dropUnit(full)));
  for (const words of [full, expanded]) {
    const core = dropVerb(dropTime(dropUnit(words)));
    for (const variant of [words, core]) {
      add(variant);
      add(withoutEntity(variant, source.entityWords));
    }
  }
  const stripped = withoutEntity(label, source.entityWords);
  if (stripped) label = stripped;
  if (source.referencedWords && full.length > 1 && ['id', 'key'].includes(lastWord)) {
    const named = full.slice(0, -1);
    // `manager_id` → "manager"; `customer_id` stays out (the word names the customers entity itself).
    if (!sameWords(named, source.referencedWords)) add(named);
  }
  for (const synonym of source.synonyms) {
    const words = nameWords(synonym);
    for (const variant of source.isTime ? [words, withoutTrailing(words, (word) => timeSuffixWords.has(word))] : [words]) {
      add(variant);
      add(withoutEntity(variant, source.entityWords));
    }
  }
  return { label, unit, phrases, partials: partialPhrases(label, phrases) };
}

/**
 * Parts of a name a question may use alone ("city" for `city_name`, "checkout wait" for `checkout_wait_avg_sec`):
 * every shorter run of the label's words that is not itself a full phrase. The lexicon matches them only where no
 * full name does, and the parser answers only when one field of the tables in question fits.
 */
function partialPhrases(label: readonly string[], phrases: readonly string[][]): string[][] {
  const partials: string[][] = [];
  for (let length = label.length - 1; length >= 1; length -= 1) {
    for (let start = 0; start + length <= label.length; start += 1) {
      const words = label.slice(start, start + length);
      if (words.every((word) => genericWords.has(word))) continue;
      if (!phrases.some((phrase) => sameWords(phrase, words)) && !partials.some((partial) => sameWords(partial, words))) partials.push(words);
    }
  }
  return partials;
}

/** Words too general to name a column alone. */
const genericWords = new Set([
  ...english.labelWords, ...english.timeSuffixes, ...english.fillerWords, ...english.structureWords,
  'id', 'key', 'code', 'type', 'kind', 'status', 'amount', 'value', 'avg', 'average', 'min', 'max', 'sum', 'in', 'out', 'is', 'has', 'first', 'last', 'new', 'old',
]);

export function tablePhrases(words: readonly string[][], synonyms: readonly string[]): string[][] {
  const phrases: string[][] = [];
  for (const candidate of [...words, ...synonyms.map(nameWords)]) {
    if (candidate.length > 0 && !phrases.some((existing) => sameWords(existing, candidate))) phrases.push([...candidate]);
  }
  return phrases;
}
