import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import { renderSemanticModel } from '../../src/fast-lane/render-semantic-model.ts';
import { suggestQuestions } from '../../src/fast-lane/suggest-questions.ts';
import { createSemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import { emptyValueIndex } from '../../src/fast-lane/semantic-layer/value-index.ts';
import { sampleToday, shopCatalog, shopParser } from './shop-parser.ts';

/** The starting semantic file `sql-eval semantic init` writes, and the example questions offered on abstention. */

describe('renderSemanticModel', () => {
  const catalog = shopCatalog();
  const text = renderSemanticModel(catalog);
  const model = semanticModelSchema.parse(parse(text));

  it('writes a file the semantic model schema accepts, which matches the database it came from', () => {
    expect(Object.keys(model.tables).sort()).toEqual(['customer_contacts', 'customers', 'employees', 'order_items', 'orders', 'products', 'support_tickets']);
    const tables = catalog.tables.map((table) => ({ schema: table.schema, name: table.name, kind: table.kind, comment: table.description, rowEstimate: table.rowEstimate, columns: table.columns.map((column) => ({ name: column.name, dataType: column.dataType, nullable: column.nullable, comment: column.description })), primaryKey: table.primaryKey, foreignKeys: table.foreignKeys, viewDefinition: table.viewDefinition }));
    expect(() => buildCatalog({ datasource: 'sample', snapshot: { serverVersion: 180_000, tables }, semantic: model, semanticSource: 'init', searchPath: ['public'], largeTableRows: 100_000 })).not.toThrow();
  });

  it('keeps what the catalog knows: descriptions, personal data, units, large tables', () => {
    expect(model.tables.orders).toMatchObject({ large: true, synonyms: [], columns: { total_cents: { unit: 'cents', pii: false, description: 'Amount in euro cents.' } } });
    expect(model.tables.customers?.columns.email).toEqual({ synonyms: [], pii: true });
    expect(model.tables.products?.large).toBeUndefined();
  });

  it('proposes metrics from quantity × price pairs and money-like columns, which load and answer', () => {
    expect(model.metrics.revenue).toMatchObject({ table: 'order_items', expression: 'quantity * unit_price_cents', aggregate: 'sum', unit: 'cents', synonyms: ['sales', 'turnover'] });
    expect(model.metrics.order_total).toMatchObject({ table: 'orders', expression: 'total_cents', aggregate: 'sum' });
    expect(model.metrics.average_product_price).toMatchObject({ table: 'products', aggregate: 'avg' });
    const tables = catalog.tables.map((table) => ({ schema: table.schema, name: table.name, kind: table.kind, comment: table.description, rowEstimate: table.rowEstimate, columns: table.columns.map((column) => ({ name: column.name, dataType: column.dataType, nullable: column.nullable, comment: column.description })), primaryKey: table.primaryKey, foreignKeys: table.foreignKeys, viewDefinition: table.viewDefinition }));
    const initCatalog = buildCatalog({ datasource: 'sample', snapshot: { serverVersion: 180_000, tables }, semantic: model, semanticSource: 'init', searchPath: ['public'], largeTableRows: 100_000 });
    const parser = createSemanticParser({ catalog: initCatalog, valueIndex: emptyValueIndex });
    expect(parser.answer('What is the turnover per product category?', sampleToday)).toMatchObject({ kind: 'answered', sql: expect.stringContaining('sum(oi.quantity * oi.unit_price_cents)') });
    // The metric over one column and the column itself are the same computation: one answer, not an ambiguity.
    expect(parser.answer('What is the order total per status?', sampleToday)).toMatchObject({ kind: 'answered', sql: expect.stringContaining('sum(o.total_cents)') });
  });

  it('tells the reader to tag personal data and how the fast lane reads each column', () => {
    expect(text).toContain('tag every column holding personal data with `pii: true`');
    expect(text).toMatch(/total_cents: \{.*\} # measure: money in cents/);
    expect(text).toMatch(/customer_id: \{.*\} # key: joins to customers/);
    expect(text).toMatch(/created_at: \{.*\} # time: periods/);
    expect(text).toMatch(/phone: \{.*\} # not read by the fast lane/);
  });
});

describe('suggestQuestions', () => {
  it('offers varied questions, every one of which the parser answers', () => {
    const parser = shopParser();
    const suggestions = suggestQuestions(parser.layer, 12);
    expect(suggestions).toHaveLength(12);
    // One question per table first, then other kinds of question.
    expect(suggestions.slice(0, 6).sort()).toEqual(parser.layer.entities.map((entity) => `How many ${entity.plural} are there?`).sort());
    expect(suggestions).toContain('How many orders per status?');
    for (const question of suggestions) expect(parser.answer(question, sampleToday).kind, question).toBe('answered');
  });

  it('asks for no more than it has', () => {
    const parser = createSemanticParser({ catalog: { ...shopCatalog(), tables: shopCatalog().tables.filter((table) => table.name === 'employees') }, valueIndex: emptyValueIndex });
    expect(suggestQuestions(parser.layer, 50)).toEqual([
      'How many employees are there?',
      'How many employees per department?',
      'Which departments are there?',
      'Which department has the most employees?',
    ]);
  });
});
