import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import type { SchemaSnapshot } from '../../src/ports/datasource.ts';

/** Metrics and units in the catalog: a metric that names what the database lacks, or reads personal data, is an error. */

const snapshot: SchemaSnapshot = {
  serverVersion: 180_000,
  tables: [
    {
      schema: 'public', name: 'order_items', kind: 'table', comment: null, rowEstimate: 10, primaryKey: ['id'], foreignKeys: [], viewDefinition: null,
      columns: [
        { name: 'id', dataType: 'integer', nullable: false, comment: null },
        { name: 'quantity', dataType: 'integer', nullable: false, comment: null },
        { name: 'unit_price_cents', dataType: 'integer', nullable: false, comment: null },
        { name: 'discount', dataType: 'integer', nullable: false, comment: 'Discount given, in euro cents.' },
        { name: 'buyer_email', dataType: 'text', nullable: false, comment: null },
        { name: 'percents', dataType: 'integer', nullable: false, comment: null },
      ],
    },
  ],
};

const build = (model: unknown) => buildCatalog({ datasource: 'shop', snapshot, semantic: semanticModelSchema.parse(model), semanticSource: 'shop.yaml', searchPath: ['public'], largeTableRows: 1000 });

describe('catalog metrics', () => {
  it('reads a metric over one table, with its unit and synonyms', () => {
    const catalog = build({ metrics: { revenue: { table: 'order_items', expression: 'quantity * unit_price_cents', unit: 'cents', synonyms: ['sales'] } } });
    expect(catalog.metrics).toMatchObject([{ name: 'revenue', table: 'order_items', columns: ['quantity', 'unit_price_cents'], aggregate: 'sum', unit: 'cents', synonyms: ['sales'] }]);
  });

  it('refuses a metric on a missing table, over a missing column, or reading personal data', () => {
    expect(() => build({ metrics: { revenue: { table: 'orders', expression: 'total' } } })).toThrow('metrics.revenue.table: the database has no table "orders"');
    expect(() => build({ metrics: { revenue: { table: 'order_items', expression: 'price * quantity' } } })).toThrow('metrics.revenue.expression: the table has no column "price"');
    expect(() => build({ tables: { order_items: { columns: { buyer_email: { pii: true } } } }, metrics: { buyers: { table: 'order_items', expression: 'length(buyer_email)' } } })).toThrow('function "length" is not allowed');
    expect(() => build({ tables: { order_items: { columns: { quantity: { pii: true } } } }, metrics: { units: { table: 'order_items', expression: 'quantity' } } })).toThrow('reads personal data (quantity)');
  });

  it('gives money in cents its unit from the name or the comment, unless the semantic file says otherwise', () => {
    const catalog = build({ tables: { order_items: { columns: { quantity: { unit: 'pieces' } } } } });
    const unit = (name: string) => catalog.tables[0]?.columns.find((column) => column.name === name)?.unit;
    expect([unit('unit_price_cents'), unit('discount'), unit('percents'), unit('quantity'), unit('id')]).toEqual(['cents', 'cents', null, 'pieces', null]);
  });
});
