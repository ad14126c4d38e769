import { identifierWords, stem } from '../catalog/words.ts';

/** How the fast lane compares words: lower case, no diacritics, plural endings removed. */

/** `Setúbal` → `setubal`. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The comparable form of one word: folded and stemmed (`Categories` → `category`). */
export function wordKey(word: string): string {
  return stem(foldWord(word));
}

/**
 * Free text split into folded words the same way for questions and stored values: possessive `'s` dropped, every
 * other character that is not a letter or digit separates words (`Travel-Size Shampoo` → travel, size, shampoo).
 */
export function splitWords(text: string): string[] {
  return text
    .replace(/['’]s\b/giu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map(foldWord);
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
  return [...words, stem(last)].join(' ');
}
