import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogColumn, CatalogTable } from '../../src/catalog/catalog.ts';
import { createSemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import type { ValueIndex } from '../../src/fast-lane/semantic-layer/value-index.ts';
import { answeredSql, sampleToday, shopParser } from './shop-parser.ts';

/** Units of measure in names and questions, a word before a period naming its date, and figures joined or ranked. */

const column = (name: string, dataType = 'text'): CatalogColumn => ({ name, dataType, nullable: false, description: null, synonyms: [], pii: false, unit: null });
const table = (name: string, columns: CatalogColumn[]): CatalogTable => ({
  schema: 'public', name, kind: 'table', description: null, synonyms: [], large: false, rowEstimate: 10, columns, primaryKey: ['id'], foreignKeys: [], viewDefinition: null,
});
const catalog: Catalog = {
  datasource: 'visits',
  searchPath: ['public'],
  tables: [table('visits', [column('id', 'integer'), column('status'), column('scheduled_at', 'timestamptz'), column('duration_min', 'integer'), column('distance_km', 'numeric'), column('refills', 'integer')])],
};
const values: ValueIndex = { columns: [{ schema: 'public', table: 'visits', column: 'status', values: ['Won', 'any', 'scheduled', 'done'] }] };
const parser = createSemanticParser({ catalog, valueIndex: values });
const answer = (question: string) => parser.answer(question, sampleToday);
const sql = (question: string) => answeredSql(answer(question));

describe('units of measure', () => {
  it('take a question in the unit the column is stored in', () => {
    expect(sql('What is the average visit duration in minutes?')).toBe('SELECT avg(v.duration_min) AS average_duration FROM visits v');
    expect(sql('How many visits lasted more than 30 minutes?')).toBe('SELECT count(*) AS visits FROM visits v WHERE v.duration_min > 30');
  });

  it('never convert or guess', () => {
    expect(answer('What is the average visit duration in hours?')).toEqual({ kind: 'abstained', reason: 'the answer is not in hours' });
    expect(answer('How many visits lasted more than 30 hours?').kind).toBe('abstained');
    expect(answer('How many visits had more than 30 refills in minutes?').kind).toBe('abstained');
  });
});

describe('a word before a period', () => {
  it('names the date it stands for, not a value spelled the same', () => {
    expect(sql('How many visits were scheduled in 2024?')).toBe("SELECT count(*) AS visits FROM visits v WHERE v.scheduled_at >= '2024-01-01' AND v.scheduled_at < '2025-01-01'");
    // Before the entity, "scheduled" is the status.
    expect(sql('How many scheduled visits in 2024?')).toBe("SELECT count(*) AS visits FROM visits v WHERE v.status = 'scheduled' AND v.scheduled_at >= '2024-01-01' AND v.scheduled_at < '2025-01-01'");
  });
});

describe('short values', () => {
  it('match in any case unless they are grammar words', () => {
    expect(sql('How many won visits?')).toBe("SELECT count(*) AS visits FROM visits v WHERE v.status = 'Won'");
    expect(sql('How many visits with any status?')).toBe('SELECT count(*) AS visits FROM visits v');
  });
});

describe('figures', () => {
  const shop = shopParser();
  it('joins two figures with "and", ranks groups by "the highest total", and reads "maximum number of" a count column', () => {
    expect(answeredSql(shop.answer('Give me the number of orders per status and their total value.', sampleToday))).toBe('SELECT o.status, count(*) AS orders, sum(o.total_cents) AS total_cents FROM orders o GROUP BY o.status ORDER BY count(*) DESC, o.status LIMIT 100');
    expect(answeredSql(shop.answer('Which country has the highest total order value?', sampleToday))).toBe('SELECT c.country, sum(o.total_cents) AS total_cents FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country ORDER BY sum(o.total_cents) DESC, c.country LIMIT 1');
    expect(sql('What is the maximum number of refills?')).toBe('SELECT max(v.refills) AS highest_refills FROM visits v');
    expect(shop.answer('What is the maximum number of orders?', sampleToday).kind).toBe('abstained');
  });

  it('shows the fields asked for of the one row an id names', () => {
    expect(answeredSql(shop.answer('Show the status and the total for order 5.', sampleToday))).toBe('SELECT o.id, o.status, o.total_cents FROM orders o WHERE o.id = 5 ORDER BY o.id LIMIT 100');
  });
});
