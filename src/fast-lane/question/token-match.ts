import type { Token } from './tokenize.ts';

/** Helpers to read fixed word patterns from a token list. */

/** The folded word at `index`, or '' past the end, for symbols and inside quotes. */
export function wordAt(tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  return token && token.kind === 'word' && token.quote === null ? token.word : '';
}

/**
 * Matches a sequence of alternatives from `start`: each step is a set of words, optional when it contains ''.
 * Returns the number of tokens consumed, or null.
 */
export function matchWords(tokens: readonly Token[], start: number, steps: readonly (readonly string[])[]): number | null {
  let index = start;
  for (const step of steps) {
    const word = wordAt(tokens, index);
    if (word !== '' && step.includes(word)) index += 1;
    else if (!step.includes('')) return null;
  }
  return index - start;
}

/** Skips symbols such as commas and brackets. */
export function isSymbol(tokens: readonly Token[], index: number, symbols: string): boolean {
  const token = tokens[index];
  return token !== undefined && token.kind === 'symbol' && symbols.includes(token.text);
}
