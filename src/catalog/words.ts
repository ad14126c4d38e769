import { english } from '../language/english.ts';
import { stem } from '../language/stem.ts';
import { splitWords } from '../language/words.ts';

/** Free text and identifiers as comparable words, for schema linking and thread memory. */

const stopWords = new Set([...english.fillerWords, ...english.requestWords, ...english.structureWords]);

/** The content words of free text, stemmed, without stop words. */
export function contentWords(text: string): string[] {
  return splitWords(text)
    .filter((word) => word.length > 1 && !stopWords.has(word))
    .map(stem);
}
