import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogColumn, CatalogTable } from '../../src/catalog/catalog.ts';
import { deriveSemanticLayer } from '../../src/fast-lane/semantic-layer/derive-semantic-layer.ts';
import { joinPaths, uniquePath } from '../../src/fast-lane/semantic-layer/join-paths.ts';
import { entityByKey, fieldOf } from '../../src/fast-lane/semantic-layer/semantic-layer-types.ts';
import { shopCatalog } from './shop-parser.ts';

/** The semantic layer derived from a catalog: entities, roles, words, joins; personal data never becomes a field. */

const layer = deriveSemanticLayer(shopCatalog());
const entity = (table: string) => entityByKey(layer, `public.${table}`);
const field = (table: string, column: string) => fieldOf(entity(table), column);

describe('entities', () => {
  it('are the tables, not the views', () => {
    expect(layer.entities.map((candidate) => candidate.table).sort()).toEqual(['customers', 'employees', 'order_items', 'orders', 'products', 'support_tickets']);
  });

  it('have singular and plural names, synonyms, short aliases and a naming column', () => {
    expect(entity('order_items')).toMatchObject({ singular: 'order item', plural: 'order items', alias: 'oi', sqlName: 'order_items', labelColumn: null });
    expect(entity('support_tickets').phrases).toContainEqual(['tickets']);
    expect(entity('customers').phrases).toContainEqual(['clients']);
    expect(entity('products').labelColumn).toBe('name');
  });
});

describe('fields', () => {
  it('gives each column a role', () => {
    expect(field('orders', 'total_cents')).toMatchObject({ role: 'measure', minorUnits: true, currency: 'euro', label: 'total' });
    expect(field('order_items', 'quantity')).toMatchObject({ role: 'measure', minorUnits: false, integer: true });
    expect(field('orders', 'status')).toMatchObject({ role: 'dimension' });
    expect(field('orders', 'created_at')).toMatchObject({ role: 'time', label: 'created' });
    expect(field('orders', 'customer_id')).toMatchObject({ role: 'key', references: 'public.customers' });
    expect(field('employees', 'manager_id')).toMatchObject({ role: 'key', references: 'public.employees', nullable: true });
  });

  it('splits identifiers into words and adds the synonyms', () => {
    expect(field('order_items', 'unit_price_cents')?.phrases).toContainEqual(['unit', 'price']);
    expect(field('products', 'price_cents')?.phrases).toEqual(expect.arrayContaining([['price'], ['list', 'price'], ['cost']]));
    expect(field('customers', 'created_at')?.phrases).toEqual(expect.arrayContaining([['signup'], ['signed', 'up'], ['joined']]));
    expect(field('orders', 'total_cents')?.phrases).toEqual(expect.arrayContaining([['amount'], ['order', 'value'], ['value']]));
    expect(field('employees', 'manager_id')?.phrases).toEqual(expect.arrayContaining([['manager'], ['reports', 'to']]));
  });

  it('never makes a field of personal data, but remembers its words to explain an abstention', () => {
    for (const column of ['full_name', 'email', 'phone', 'street_address']) expect(field('customers', column)).toBeUndefined();
    expect(field('employees', 'salary_cents')).toBeUndefined();
    expect(entity('employees').piiColumns.map((pii) => pii.column)).toEqual(['full_name', 'email', 'salary_cents']);
  });
});

describe('joins', () => {
  it('follow foreign keys towards the referenced table, one or two hops, never back', () => {
    expect(uniquePath(layer, entity('order_items'), entity('customers'))).toMatchObject({ kind: 'path', path: [{ to: { table: 'orders' } }, { to: { table: 'customers' } }] });
    expect(uniquePath(layer, entity('customers'), entity('orders'))).toEqual({ kind: 'none' });
    expect(joinPaths(layer, entity('employees'), entity('employees'))).toEqual([[]]);
  });

  it('are ambiguous when two foreign keys reach the same table', () => {
    const column = (name: string, dataType = 'integer'): CatalogColumn => ({ name, dataType, nullable: false, description: null, synonyms: [], pii: false, unit: null });
    const table = (name: string, columns: CatalogColumn[], foreignKeys: CatalogTable['foreignKeys'] = []): CatalogTable => ({
      schema: 'public', name, kind: 'table', description: null, synonyms: [], large: false, rowEstimate: 10, columns, primaryKey: ['id'], foreignKeys, viewDefinition: null,
    });
    const toAirport = (columnName: string) => ({ columns: [columnName], referencedSchema: 'public', referencedTable: 'airports', referencedColumns: ['id'] });
    const catalog: Catalog = {
      datasource: 'flights',
      searchPath: ['public'],
      tables: [
        table('airports', [column('id'), column('city', 'text')]),
        table('flights', [column('id'), column('origin_id'), column('destination_id')], [toAirport('origin_id'), toAirport('destination_id')]),
      ],
    };
    const flights = deriveSemanticLayer(catalog);
    expect(uniquePath(flights, entityByKey(flights, 'public.flights'), entityByKey(flights, 'public.airports'))).toEqual({ kind: 'ambiguous', count: 2 });
  });
});

describe('camelCase and other schemas', () => {
  it('splits camelCase names and qualifies tables outside the first schema', () => {
    const catalog: Catalog = {
      datasource: 'crm',
      searchPath: ['public', 'sales'],
      tables: [
        {
          schema: 'sales', name: 'leadEvents', kind: 'table', description: null, synonyms: [], large: false, rowEstimate: 5, primaryKey: ['eventId'], foreignKeys: [], viewDefinition: null,
          columns: [
            { name: 'eventId', dataType: 'bigint', nullable: false, description: null, synonyms: [], pii: false, unit: null },
            { name: 'custFirstName', dataType: 'text', nullable: false, description: null, synonyms: [], pii: false, unit: null },
            { name: 'occurredAt', dataType: 'timestamp without time zone', nullable: false, description: null, synonyms: [], pii: false, unit: null },
          ],
        },
      ],
    };
    const [leads] = deriveSemanticLayer(catalog).entities;
    expect(leads).toMatchObject({ plural: 'lead events', singular: 'lead event', alias: 'le', sqlName: 'sales."leadEvents"' });
    expect(leads?.fields.find((candidate) => candidate.column === 'custFirstName')?.phrases).toContainEqual(['cust', 'first', 'name']);
    expect(leads?.fields.find((candidate) => candidate.column === 'occurredAt')).toMatchObject({ role: 'time', label: 'occurred' });
    expect(leads?.fields.find((candidate) => candidate.column === 'eventId')?.phrases).toEqual(expect.arrayContaining([['event', 'id'], ['lead', 'event', 'id']]));
  });
});
