import { nameWords, wordKey } from './words.ts';

/** The word sequences that name a table or column in questions, derived from its identifier and synonyms. */

const unitWords = new Set(['cents', 'cent', 'eur', 'usd', 'gbp', 'pennies']);
const timeSuffixWords = new Set(['at', 'on', 'date', 'time', 'timestamp', 'ts', 'dt']);

function sameWords(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((word, index) => wordKey(word) === wordKey(right[index] as string));
}

function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && words.length > prefix.length && sameWords(words.slice(0, prefix.length), prefix);
}

function withoutTrailing(words: string[], drop: Set<string>): string[] {
  let end = words.length;
  while (end > 1 && drop.has(words[end - 1] as string)) end -= 1;
  return words.slice(0, end);
}

/** Words of a column without its unit (`price_cents` → price) or time suffix (`created_at` → created). */
export function columnCoreWords(column: string, isTime: boolean): string[] {
  const words = withoutTrailing(nameWords(column), unitWords);
  return isTime ? withoutTrailing(words, timeSuffixWords) : words;
}

export interface PhraseSource {
  column: string;
  synonyms: readonly string[];
  isTime: boolean;
  /** The singular words of the owning entity (`order`, `support ticket`). */
  entityWords: readonly string[];
  /** For a foreign key: the singular words of the referenced entity. */
  referencedWords?: readonly string[] | undefined;
}

export function columnPhrases(source: PhraseSource): string[][] {
  const phrases: string[][] = [];
  const add = (words: string[]) => {
    if (words.length === 0 || sameWords(words, source.entityWords)) return;
    if (!phrases.some((existing) => sameWords(existing, words))) phrases.push(words);
  };
  const full = nameWords(source.column);
  const core = columnCoreWords(source.column, source.isTime);
  for (const words of [full, core]) {
    add(words);
    // `customer_country` in `customers` is also just "country".
    if (startsWithWords(words, source.entityWords)) add(words.slice(source.entityWords.length));
  }
  if (source.referencedWords && full.length > 1 && full[full.length - 1] === 'id') {
    const named = full.slice(0, -1);
    // `manager_id` → "manager"; `customer_id` stays out (the word names the customers entity itself).
    if (!sameWords(named, source.referencedWords)) add(named);
  }
  for (const synonym of source.synonyms) {
    const words = nameWords(synonym);
    for (const variant of source.isTime ? [words, withoutTrailing(words, timeSuffixWords)] : [words]) {
      add(variant);
      if (startsWithWords(variant, source.entityWords)) add(variant.slice(source.entityWords.length));
    }
  }
  // "signup" is also typed "signed up", "sign up", "signs up".
  for (const phrase of [...phrases]) {
    if (phrase.length === 1 && phrase[0] === 'signup') for (const verb of ['signed', 'sign', 'signs']) add([verb, 'up']);
  }
  return phrases;
}

export function tablePhrases(table: string, synonyms: readonly string[]): string[][] {
  const phrases: string[][] = [nameWords(table)];
  for (const synonym of synonyms) {
    const words = nameWords(synonym);
    if (words.length > 0 && !phrases.some((existing) => sameWords(existing, words))) phrases.push(words);
  }
  return phrases;
}
