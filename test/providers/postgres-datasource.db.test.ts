import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/providers/embedded-postgres/find-free-port.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase } from '../support/database.ts';
import { datasourceFailure } from '../support/datasource-failure.ts';
import { datasourceContract } from './datasource-contract.ts';

/** The Datasource contract for the pg provider, plus what only a connection-string provider can get wrong. */

const limits = { maxRows: 100, statementTimeoutMs: 5_000 };

datasourceContract('postgres', async () => {
  const database = await createTestDatabase({ sample: true });
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const datasource = createPostgresDatasource({ name: 'sample', connectionString: database.url, poolSize: 1 });
  return {
    datasource,
    adminQuery: async (sql) => (await admin.query(sql)).rows,
    close: async () => {
      await datasource.close();
      await admin.end();
      await database.drop();
    },
  };
});

describe('an unreachable server', () => {
  it('is unavailable, and the message holds neither the password nor the connection string', async () => {
    const port = await findFreePort();
    const connectionString = `postgres://reader:s3cret-pa55word@127.0.0.1:${port}/sample`;
    const unreachable = createPostgresDatasource({ name: 'offline', connectionString, connectionTimeoutMs: 2_000 });
    try {
      const error = await datasourceFailure(unreachable.run('SELECT 1', limits));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('offline');
      expect(error.message).not.toContain('s3cret-pa55word');
      expect(error.message).not.toContain(connectionString);
      expect((await datasourceFailure(unreachable.introspect())).code).toBe('unavailable');
    } finally {
      await unreachable.close();
    }
  });
});
