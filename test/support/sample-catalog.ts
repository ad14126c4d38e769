import type { Catalog, CatalogColumn, CatalogTable } from '../../src/catalog/catalog.ts';

/** A catalog shaped like the sample shop, built in memory for tests that need no database. */

const pii = new Set(['customers.full_name', 'customers.email', 'customers.phone', 'customers.street_address', 'employees.email', 'employees.salary_cents', 'support_tickets.body']);

function table(name: string, columns: [string, string][], rowEstimate: number, extra: Partial<CatalogTable> = {}): CatalogTable {
  return {
    schema: 'public',
    name,
    kind: 'table',
    description: null,
    synonyms: [],
    large: rowEstimate > 10_000,
    rowEstimate,
    columns: columns.map(([columnName, dataType]): CatalogColumn => ({
      name: columnName,
      dataType,
      nullable: false,
      description: null,
      synonyms: [],
      pii: pii.has(`${name}.${columnName}`),
      unit: null,
    })),
    primaryKey: ['id'],
    foreignKeys: [],
    viewDefinition: null,
    ...extra,
  };
}

export function sampleCatalog(): Catalog {
  return {
    datasource: 'sample',
    searchPath: ['public'],
    tables: [
      table('customers', [['id', 'integer'], ['full_name', 'text'], ['email', 'text'], ['phone', 'text'], ['street_address', 'text'], ['city', 'text'], ['country', 'text'], ['created_at', 'timestamp with time zone']], 5000),
      table('products', [['id', 'integer'], ['name', 'text'], ['category', 'text'], ['price_cents', 'integer']], 200),
      table('orders', [['id', 'integer'], ['customer_id', 'integer'], ['status', 'text'], ['total_cents', 'integer'], ['created_at', 'timestamp with time zone']], 40_000),
      table('order_items', [['order_id', 'integer'], ['product_id', 'integer'], ['quantity', 'integer'], ['unit_price_cents', 'integer']], 120_000),
      table('employees', [['id', 'integer'], ['full_name', 'text'], ['email', 'text'], ['salary_cents', 'integer'], ['department', 'text'], ['manager_id', 'integer']], 300),
      table('support_tickets', [['id', 'integer'], ['customer_id', 'integer'], ['subject', 'text'], ['body', 'text'], ['created_at', 'timestamp with time zone']], 8000),
      table('customer_contacts', [['id', 'integer'], ['contact', 'text'], ['country', 'text']], -1, {
        kind: 'view',
        viewDefinition: 'SELECT customers.id, customers.email AS contact, customers.country FROM customers',
      }),
    ],
  };
}
