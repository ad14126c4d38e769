import { english } from '../../language/english.ts';
import type { Token } from './tokenize.ts';

/** Numbers in questions: digits ("2,000", "10.5") and small number words ("five", "a dozen" is not one). */

const numberWords = english.numberWords;

export function numberValue(token: Token | undefined): number | null {
  if (!token || token.quote !== null) return null;
  if (token.kind === 'number') return token.number;
  if (token.kind === 'word') return numberWords[token.word] ?? null;
  return null;
}

export function isWholeNumber(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value >= 0;
}

/** A four-digit number read as a calendar year. */
export function yearValue(token: Token | undefined): number | null {
  if (!token || token.kind !== 'number' || token.quote !== null) return null;
  const value = token.number;
  return value !== null && Number.isInteger(value) && value >= 1900 && value <= 2199 && token.text.length === 4 ? value : null;
}
