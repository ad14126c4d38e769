import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStateStore } from '../../src/providers/postgres-state/create-postgres-state-store.ts';
import { STATE_SCHEMA, ensureStateSchema } from '../../src/providers/postgres-state/ensure-state-schema.ts';
import { createPostgresEvalRunStore } from '../../src/providers/postgres-state/postgres-eval-run-store.ts';
import { StateStoreError } from '../../src/ports/state-store.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { evalRunStoreContract, sampleRun } from './eval-run-store-contract.ts';

/** Recorded evaluation runs on PostgreSQL, and the table added to a state schema made by an older version. */

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url, 4);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

evalRunStoreContract('postgres', async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
  await ensureStateSchema(pool);
  return { runs: createPostgresEvalRunStore(pool), close: async () => {} };
});

describe('postgres: recorded runs', () => {
  it('adds the eval_runs table to a state schema made before it, and keeps what was there', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
    const older = await createPostgresStateStore({ pool });
    await older.saveGrant({ grantee: 'cli:ana', entitlement: 'pii:*', grantedBy: 'cli:root', grantedAt: 1, expiresAt: null });
    await pool.query(`DROP TABLE ${STATE_SCHEMA}.eval_runs`);

    const store = await createPostgresStateStore({ pool });
    await createPostgresStateStore({ pool });
    await store.saveEvalRun(sampleRun('r-after-upgrade', 0));
    expect((await store.listEvalRuns({ limit: 5 })).map((run) => run.id)).toEqual(['r-after-upgrade']);
    expect(await store.listGrants(['cli:ana'])).toHaveLength(1);
  });

  it('refuses a row changed by hand as unreadable', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
    const store = await createPostgresStateStore({ pool });
    await store.saveEvalRun(sampleRun('r-edited', 0));
    await pool.query(`UPDATE ${STATE_SCHEMA}.eval_runs SET header = '{"id": "r-edited"}'`);
    const error = await store.listEvalRuns({ limit: 5 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).code).toBe('unreadable');
  });
});
