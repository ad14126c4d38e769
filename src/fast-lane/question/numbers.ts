import type { Token } from './tokenize.ts';

/** Numbers in questions: digits ("2,000", "10.5") and small number words ("five", "a dozen" is not one). */

const numberWords: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};

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
