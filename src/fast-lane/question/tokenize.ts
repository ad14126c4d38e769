import { foldWord, wordKey } from '../semantic-layer/words.ts';

/** A question as tokens: words, numbers, ISO dates and symbols, with the quoted stretch each belongs to. */

export interface Token {
  /** Position in the token list. */
  index: number;
  /** As typed. */
  text: string;
  /** Folded: lower case, no diacritics. */
  word: string;
  /** Folded and stemmed: what phrases are compared on. */
  key: string;
  kind: 'word' | 'number' | 'date' | 'symbol';
  /** For numbers: the value ("2,000" → 2000). */
  number: number | null;
  /** Tokens inside the same pair of quotes share an id. */
  quote: number | null;
  /** Where the token starts in the question (after "n't" is expanded), and the characters right before it. */
  at: number;
  before: string;
}

const pattern = /(\d{4}-\d{2}-\d{2})|(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\d])|([\p{L}\p{N}]+)|(["“”«»'‘’])|([€$£%(),.?!:;])/gu;

const openingQuotes = new Set(['"', '“', '«']);
const closingQuotes = new Set(['"', '”', '»']);

/** "weren't" → "were not", so negation is read as negation. */
function expandContractions(question: string): string {
  return question.replace(/\b(is|are|was|were|do|does|did|have|has|had)n['’]t\b/gi, '$1 not');
}

export function tokenize(text: string): Token[] {
  const question = expandContractions(text);
  const tokens: Token[] = [];
  let quote: number | null = null;
  let quoteCount = 0;
  let singleQuoteOpen = false;
  for (const match of question.matchAll(pattern)) {
    const [text, date, number, word, quoteMark, symbol] = match;
    const at = match.index;
    const push = (kind: Token['kind'], value: number | null) =>
      tokens.push({ index: tokens.length, text, word: foldWord(text), key: kind === 'word' ? wordKey(text) : foldWord(text), kind, number: value, quote, at, before: question.slice(Math.max(0, at - 2), at) });
    if (date !== undefined) push('date', null);
    else if (number !== undefined) push('number', Number(number.replaceAll(',', '')));
    else if (word !== undefined) {
      // The possessive "customer's" is the word "customer".
      if ((word === 's' || word === 'S') && /['’]$/.test(question.slice(0, at))) continue;
      push('word', null);
    } else if (quoteMark !== undefined) {
      const before = question[at - 1] ?? ' ';
      const after = question[at + 1] ?? ' ';
      if (quoteMark === "'" || quoteMark === '‘' || quoteMark === '’') {
        // An apostrophe inside or after a word ("customer's", "customers'") is not a quote.
        const opens = quote === null && /[\s(]/.test(before) && /[\p{L}\p{N}]/u.test(after);
        const closes = singleQuoteOpen && /[\p{L}\p{N}.!?]/u.test(before) && /[\s).,?!:;]/.test(after);
        if (opens) {
          quoteCount += 1;
          quote = quoteCount;
          singleQuoteOpen = true;
        } else if (closes) {
          quote = null;
          singleQuoteOpen = false;
        }
        continue;
      }
      if (quote !== null && closingQuotes.has(quoteMark) && !singleQuoteOpen) quote = null;
      else if (quote === null && openingQuotes.has(quoteMark)) {
        quoteCount += 1;
        quote = quoteCount;
      }
    } else if (symbol !== undefined) push('symbol', null);
  }
  return tokens;
}

/** The words of a quoted stretch as typed, for messages. */
export function quotedText(tokens: readonly Token[], quote: number): string {
  return tokens
    .filter((token) => token.quote === quote && token.kind !== 'symbol')
    .map((token) => token.text)
    .join(' ');
}
