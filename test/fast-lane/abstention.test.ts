import { describe, expect, it } from 'vitest';
import { createSemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import { abstainReason, sampleToday, shopCatalog, shopParser, shopValues } from './shop-parser.ts';

/** Precision first: the parser answers only what it fully understands, and says why otherwise. */

const parser = shopParser();
const reason = (question: string) => abstainReason(parser.answer(question, sampleToday));

describe('abstains on words it does not understand', () => {
  it('names them', () => {
    expect(reason('How many churned customers are in the cohort?')).toBe('I did not understand "churned" and "cohort"');
    expect(reason('What is the median order total?')).toBe('I did not understand "median"');
    expect(reason('How many customers in Atlantis?')).toBe('I did not understand "Atlantis"');
  });

  it('names a quoted value it does not know', () => {
    expect(reason('How many "Lost parcel" tickets were opened?')).toBe('I did not understand "Lost parcel"');
  });

  it('does not read ordinary words as codes: "us" is not the US', () => {
    expect(reason('How many customers are with us?')).toBe('I did not understand "us"');
  });
});

describe('abstains on what a simple lookup cannot express', () => {
  it.each([
    ['How many customers have more than 50 orders?', 'more than 50'],
    ['How many customers have no orders?', 'no'],
    ['How many orders and customers are there?', 'and'],
    ['What share of orders were cancelled?', 'share'],
    ['How many orders in 2024 vs 2025?', 'vs'],
    ['Which customers spent the most?', 'spent'],
    ['How many customers did customers who signed up in 2024 refer?', 'refer'],
  ])('%s', (question, word) => {
    expect(reason(question)).toContain(word);
  });

  it('does not answer which customer with a figure about orders', () => {
    expect(reason('Which customer has the highest order total?')).toContain('asks which customer');
  });

  it('does not count products through orders, which do not refer to them', () => {
    expect(reason('How many products are in orders?')).toBe('I could not relate orders to products');
  });

  it('does not filter by a period on a table that has no date', () => {
    expect(reason('How many products were added in 2024?')).toBe('products have no date to filter or group by');
    expect(reason('What is the average list price in 2024?')).toBe('products have no date to filter or group by');
  });
});

describe('abstains on ambiguity', () => {
  it('asks for the unit of an amount of money', () => {
    expect(reason('How many orders over 100?')).toContain('euro units or cents');
  });

  it('does not guess whether "the last month" is the calendar month or 30 days', () => {
    expect(reason('How many orders in the last month?')).toContain('month');
  });

  it('does not take an ordinary word for a stored value of a table the question never names', () => {
    expect(reason('What is the highest unit price ever paid?')).toContain('"paid" could be an ordinary word');
  });

  it('names both readings when a word means two things', () => {
    const values = { columns: [...shopValues.columns, { schema: 'public', table: 'products', column: 'name', values: ['Books'] }] };
    const ambiguous = createSemanticParser({ catalog: shopCatalog(), valueIndex: values });
    expect(abstainReason(ambiguous.answer('How many products in Books?', sampleToday))).toBe('"Books" could mean products.category = \'Books\' or products.name = \'Books\'');
  });

  it('prefers the table the question names when a value is in two tables', () => {
    const values = { columns: [...shopValues.columns, { schema: 'public', table: 'support_tickets', column: 'subject', values: ['Books'] }] };
    const twoTables = createSemanticParser({ catalog: shopCatalog(), valueIndex: values });
    const outcome = twoTables.answer('How many products in Books?', sampleToday);
    expect(outcome.kind === 'answered' && outcome.sql).toContain("p.category = 'Books'");
  });

  it('prefers the entity the question names when a word could be a field of several tables', () => {
    const outcome = parser.answer('How many support tickets were created in 2024?', sampleToday);
    expect(outcome.kind === 'answered' && outcome.sql).toContain("st.created_at >= '2024-01-01'");
  });

  it('asks how many to show when a ranking has no number', () => {
    expect(reason('Which categories have the most products?')).toBe('say how many to show, for example "top 10"');
  });
});

describe('personal data', () => {
  it.each([
    ['What is the email of customer 5?', '"email" is personal data'],
    ['List the names of customers in Portugal', '"names" is personal data'],
    ['What is the average salary per department?', '"salary" is personal data'],
    ['How many customers have a phone number?', '"phone number" is personal data'],
  ])('%s', (question, expected) => {
    expect(reason(question)).toContain(expected);
  });

  it('never shows a personal-data column in a list of rows', () => {
    const outcome = parser.answer('Show me all customers in Portugal', sampleToday);
    expect(outcome.kind === 'answered' && outcome.sql).toBe("SELECT c.id\nFROM customers c\nWHERE c.country = 'PT'\nORDER BY c.id\nLIMIT 100");
  });
});
