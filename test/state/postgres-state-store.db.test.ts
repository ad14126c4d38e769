import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStateStore } from '../../src/providers/postgres-state/create-postgres-state-store.ts';
import { STATE_SCHEMA } from '../../src/providers/postgres-state/ensure-state-schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { samplePreview, stateStoreContract } from './state-store-contract.ts';

/** The StateStore contract on PostgreSQL, plus what several replicas sharing one database rely on. */

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 8 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

stateStoreContract('postgres', async (options) => {
  await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
  return createPostgresStateStore({ pool, ...options });
});

describe('postgres state store', () => {
  it('creates its schema once when replicas start together', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
    const replicas = await Promise.all(Array.from({ length: 4 }, () => createPostgresStateStore({ pool })));
    const tables = await pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [STATE_SCHEMA],
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(['events', 'previews', 'thread_turns', 'verified_queries']);
    expect(replicas).toHaveLength(4);
  });

  it('lets only one of two replicas take a preview', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
    const otherPool = new pg.Pool({ connectionString: database.url, max: 4 });
    try {
      const [first, second] = await Promise.all([createPostgresStateStore({ pool }), createPostgresStateStore({ pool: otherPool })]);
      for (let round = 0; round < 20; round += 1) {
        const previewId = `race-${round}`;
        await first.savePreview(samplePreview(previewId, Date.now()));
        const takes = await Promise.all([first.takePreview(previewId), second.takePreview(previewId), first.takePreview(previewId), second.takePreview(previewId)]);
        expect(takes.filter((taken) => taken !== undefined)).toHaveLength(1);
      }
    } finally {
      await otherPool.end();
    }
  });
});
