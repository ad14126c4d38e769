import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSchemas } from '../../src/providers/postgres/discover-schemas.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** Zero-config schemas: the search path's schemas that hold tables, else every readable non-system schema. */

let database: TestDatabase;

async function execute(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

describe('discoverSchemas', () => {
  it('finds every readable schema with tables when the search path holds none, leaving out excluded ones', async () => {
    await execute('CREATE SCHEMA shop; CREATE TABLE shop.users (id integer PRIMARY KEY); CREATE SCHEMA crm; CREATE VIEW crm.leads AS SELECT 1 AS id; CREATE SCHEMA sql_eval_state; CREATE TABLE sql_eval_state.previews (id integer); CREATE SCHEMA empty');
    expect(await discoverSchemas(database.url, { name: 'test', excluded: ['sql_eval_state'] })).toEqual(['crm', 'shop']);
  });

  it('keeps to the search path once a schema on it holds a table', async () => {
    await execute('CREATE TABLE public.orders (id integer PRIMARY KEY)');
    expect(await discoverSchemas(database.url, { name: 'test' })).toEqual(['public']);
  });

  it('reports an unreachable server as unavailable', async () => {
    const url = new URL(database.url);
    url.port = '1';
    await expect(discoverSchemas(url.toString(), { name: 'test' })).rejects.toMatchObject({ code: 'unavailable' });
  });
});
