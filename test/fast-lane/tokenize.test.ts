import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/fast-lane/question/tokenize.ts';

/** Questions as tokens: words, numbers, dates, symbols, and the quoted stretches values are matched on. */

const shape = (question: string) => tokenize(question).map((token) => [token.kind, token.text, token.quote]);

describe('tokenize', () => {
  it('reads numbers with thousands separators and decimals, ISO dates and money symbols', () => {
    expect(shape('orders over €2,000.50 on 2025-06-30')).toEqual([
      ['word', 'orders', null], ['word', 'over', null], ['symbol', '€', null], ['number', '2,000.50', null], ['word', 'on', null], ['date', '2025-06-30', null],
    ]);
    expect(tokenize('2,000')[0]?.number).toBe(2000);
    expect(shape('Q1 1st')).toEqual([['word', 'Q1', null], ['word', '1st', null]]);
  });

  it('folds case and diacritics, stems plurals and drops possessives', () => {
    const [customers, setubal] = tokenize("customers' Setúbal");
    expect(customers).toMatchObject({ word: 'customers', key: 'customer' });
    expect(setubal).toMatchObject({ word: 'setubal', key: 'setubal' });
    expect(tokenize("the customer's country").map((token) => token.word)).toEqual(['the', 'customer', 'country']);
  });

  it('marks quoted stretches, with straight, curly or single quotes, but not apostrophes', () => {
    expect(shape('How many "Where is my order?" tickets')).toEqual([
      ['word', 'How', null], ['word', 'many', null], ['word', 'Where', 1], ['word', 'is', 1], ['word', 'my', 1], ['word', 'order', 1], ['symbol', '?', 1], ['word', 'tickets', null],
    ]);
    expect(tokenize('the “Damaged item” subject').filter((token) => token.quote === 1).map((token) => token.text)).toEqual(['Damaged', 'item']);
    expect(tokenize("the 'Refund request' subject").filter((token) => token.quote === 1).map((token) => token.text)).toEqual(['Refund', 'request']);
    expect(tokenize("Men's Wear is quoted nowhere").every((token) => token.quote === null)).toBe(true);
  });

  it('reads contractions of not as not', () => {
    expect(tokenize("orders that weren't cancelled").map((token) => token.word)).toEqual(['orders', 'that', 'were', 'not', 'cancelled']);
  });
});
