import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { foreignKeyCandidates, inferForeignKeys } from '../../src/catalog/infer-foreign-keys.ts';
import { emptySemanticModel } from '../../src/config/semantic-model.ts';
import type { Datasource } from '../../src/ports/datasource.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** Join paths from names, kept only when the data agrees; anything that could be read two ways gets none. */

const schema = `
CREATE TABLE customers (id integer PRIMARY KEY, city text);
CREATE TABLE "crmAgent" ("agentId" integer PRIMARY KEY, "agentName" text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer, "agentId" integer, status text);
CREATE TABLE store (id integer PRIMARY KEY, name text);
CREATE TABLE sale (id integer PRIMARY KEY, storeid integer, store_code text);
CREATE TABLE payments (id integer PRIMARY KEY, customer_id integer, order_id integer);
CREATE TABLE person (id integer PRIMARY KEY);
CREATE TABLE persons (id integer PRIMARY KEY);
CREATE TABLE visits (id integer PRIMARY KEY, person_id integer);
INSERT INTO customers SELECT n, 'c' FROM generate_series(1, 10) n;
INSERT INTO "crmAgent" SELECT n, 'a' FROM generate_series(1, 3) n;
INSERT INTO orders SELECT n, 1 + n % 10, 1 + n % 3, 'paid' FROM generate_series(1, 50) n;
INSERT INTO store SELECT n, 's' FROM generate_series(1, 4) n;
INSERT INTO sale SELECT n, 1 + n % 4, 'x' FROM generate_series(1, 20) n;
-- a payment refers to customer 99, which does not exist: the name says join, the data says no.
INSERT INTO payments SELECT n, CASE WHEN n = 7 THEN 99 ELSE 1 + n % 10 END, 1 + n % 50 FROM generate_series(1, 30) n;
INSERT INTO person SELECT n FROM generate_series(1, 5) n;
INSERT INTO persons SELECT n FROM generate_series(1, 5) n;
INSERT INTO visits SELECT n, 1 + n % 5 FROM generate_series(1, 9) n;
ANALYZE;`;

let database: TestDatabase;
let datasource: Datasource;
let catalog: Catalog;

beforeAll(async () => {
  database = await createTestDatabase();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(schema);
  await admin.end();
  datasource = createPostgresDatasource({ name: 'names', connectionString: database.url, poolSize: 2 });
  catalog = buildCatalog({ datasource: 'names', snapshot: await datasource.introspect(), semantic: emptySemanticModel, semanticSource: '(none)', searchPath: ['public'], largeTableRows: 100_000 });
});

afterAll(async () => {
  await datasource?.close();
  await database?.drop();
});

const describeKeys = (inferred: Catalog) =>
  inferred.tables.flatMap((table) => table.foreignKeys.map((key) => `${table.name}.${key.columns.join()} -> ${key.referencedTable}.${key.referencedColumns.join()}${key.inferred ? ' (inferred)' : ''}`)).sort();

describe('foreign keys inferred from names', () => {
  it('proposes a table name followed by its key, the same specific key name, and names run together', () => {
    const candidates = foreignKeyCandidates(catalog).map((candidate) => `${candidate.table.name}.${candidate.column} -> ${candidate.target.name}.${candidate.targetColumn}`).sort();
    expect(candidates).toEqual([
      'orders.agentId -> crmAgent.agentId',
      'orders.customer_id -> customers.id',
      'payments.customer_id -> customers.id',
      'payments.order_id -> orders.id',
      'sale.storeid -> store.id',
      'visits.person_id -> person.id',
      'visits.person_id -> persons.id',
    ]);
  });

  it('keeps only what the data confirms, and nothing a column could mean twice', async () => {
    const inferred = await inferForeignKeys(datasource, catalog);
    expect(describeKeys(inferred)).toEqual([
      'orders.agentId -> crmAgent.agentId (inferred)',
      'orders.customer_id -> customers.id (inferred)',
      'payments.order_id -> orders.id (inferred)',
      'sale.storeid -> store.id (inferred)',
    ]);
  });

  it('leaves a catalog with declared keys as it is', async () => {
    const declared: Catalog = { ...catalog, tables: catalog.tables.map((table) => (table.name === 'sale' ? { ...table, foreignKeys: [{ columns: ['storeid'], referencedSchema: 'public', referencedTable: 'store', referencedColumns: ['id'] }] } : table)) };
    const inferred = await inferForeignKeys(datasource, declared);
    expect(describeKeys(inferred)).toContain('sale.storeid -> store.id');
    expect(describeKeys(inferred)).not.toContain('sale.storeid -> store.id (inferred)');
  });
});
