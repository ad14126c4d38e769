import { singular, stem } from '../../language/stem.ts';
import { foldWord, identifierWords } from '../../language/words.ts';

export { foldWord, splitWords } from '../../language/words.ts';

/** How the fast lane compares words: lower case, no diacritics, plural endings removed. */

/** The comparable form of one word: folded and stemmed (`Categories` → `category`). */
export function wordKey(word: string): string {
  return stem(foldWord(word));
}

/** A phrase's lookup key: its words' keys joined by spaces. */
export function phraseKey(words: readonly string[]): string {
  return words.map(wordKey).join(' ');
}

/** An identifier or synonym as words: `lateFeeCents` → late, fee, cents; `signup date` → signup, date. */
export function nameWords(name: string): string[] {
  return identifierWords(name).map(foldWord);
}

/** Display form of an identifier: `order_items` → `order items`. */
export function displayWords(name: string): string {
  return nameWords(name).join(' ');
}

/** The singular of a display phrase, stemming its last word: `order items` → `order item`. */
export function singularOf(phrase: string): string {
  const words = phrase.split(' ');
  const last = words.pop() ?? '';
  return [...words, singular(last)].join(' ');
}
