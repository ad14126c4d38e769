import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { foreignKeyCandidates, inferForeignKeys } from '../src/catalog/infer-foreign-keys.ts';
import { emptySemanticModel } from '../src/config/semantic-model.ts';
import { createPostgresDatasource } from '../src/providers/postgres/create-postgres-datasource.ts';

/**
 * Start-up work for databases without declared foreign keys, on a 300-table schema: 100 dimension tables
 * (`customer_<n>`, 50 rows) and 200 fact tables (`sale_<n>`, 2,000 rows) whose `customer_<m>_id` columns point at
 * them by name only. Prints introspection, candidate search, the confirming queries (cold) and the cached second start.
 */

const DIMENSIONS = 100;
const FACTS = 200;

export async function benchForeignKeyInference(input: { adminUrl: string; line: (name: string, value: string) => void }): Promise<void> {
  const database = 'bench_foreign_keys';
  const admin = new pg.Client({ connectionString: input.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(input.adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const statements: string[] = [];
  for (let index = 0; index < DIMENSIONS; index += 1) {
    statements.push(`CREATE TABLE customer_${index} (id integer PRIMARY KEY, name text NOT NULL); INSERT INTO customer_${index} SELECT n, 'c' || n FROM generate_series(1, 50) n;`);
  }
  for (let index = 0; index < FACTS; index += 1) {
    const first = index % DIMENSIONS;
    const second = (index * 7 + 3) % DIMENSIONS;
    statements.push(
      `CREATE TABLE sale_${index} (id integer PRIMARY KEY, customer_${first}_id integer, customer_${second}_id integer, amount numeric(10, 2), sold_on date);` +
        ` INSERT INTO sale_${index} SELECT n, 1 + n % 50, 1 + (n * 3) % 50, n % 97, date '2024-01-01' + n % 365 FROM generate_series(1, 2000) n;`,
    );
  }
  await client.query(statements.join('\n'));
  await client.query('ANALYZE');
  await client.end();

  const datasource = createPostgresDatasource({ name: 'bench-foreign-keys', connectionString: url.toString() });
  try {
    let started = performance.now();
    const snapshot = await datasource.introspect();
    input.line(`introspection (${snapshot.tables.length} tables, no foreign keys)`, `${Math.round(performance.now() - started)} ms`);
    const catalog = buildCatalog({ datasource: 'bench-foreign-keys', snapshot, semantic: emptySemanticModel, semanticSource: '(none)', searchPath: ['public'], largeTableRows: 1_000_000 });
    started = performance.now();
    const candidates = foreignKeyCandidates(catalog);
    input.line('foreign-key candidates from names (300 tables)', `${candidates.length} in ${(performance.now() - started).toFixed(1)} ms`);
    started = performance.now();
    const inferred = await inferForeignKeys(datasource, catalog);
    const confirmed = inferred.tables.reduce((total, table) => total + table.foreignKeys.filter((key) => key.inferred).length, 0);
    input.line('foreign-key inference at start-up, cold (300 tables)', `${confirmed} confirmed in ${Math.round(performance.now() - started)} ms`);
    started = performance.now();
    await inferForeignKeys(datasource, catalog);
    input.line('foreign-key inference, cached (second start in-process)', `${(performance.now() - started).toFixed(1)} ms`);
  } finally {
    await datasource.close();
  }
}
