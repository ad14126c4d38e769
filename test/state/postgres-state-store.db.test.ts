import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStoreError } from '../../src/ports/state-store.ts';
import { findFreePort } from '../../src/providers/embedded-postgres/find-free-port.ts';
import { createPostgresStateStore } from '../../src/providers/postgres-state/create-postgres-state-store.ts';
import { STATE_SCHEMA } from '../../src/providers/postgres-state/ensure-state-schema.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { samplePreview, stateStoreContract } from './state-store-contract.ts';

/** The StateStore contract on PostgreSQL, plus what several replicas sharing one database rely on. */

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url, 8);
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
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['events', 'previews', 'thread_turns', 'verified_queries']));
    expect(replicas).toHaveLength(4);
  });

  it('lets only one of two replicas take a preview', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
    const otherPool = testPool(database.url, 4);
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

  it('reports an unreachable database as a StateStoreError, unavailable', async () => {
    const port = await findFreePort();
    const offline = new pg.Pool({ connectionString: `postgres://state:s3cret@127.0.0.1:${port}/state`, connectionTimeoutMillis: 2_000 });
    try {
      const error = await createPostgresStateStore({ pool: offline }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(StateStoreError);
      expect((error as StateStoreError).code).toBe('unavailable');
      expect((error as StateStoreError).message).not.toContain('s3cret');
    } finally {
      await offline.end();
    }
  });

  it('types its own failures, naming the operation and never the values', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
    const store = await createPostgresStateStore({ pool });
    await store.savePreview(samplePreview('hand-edited', Date.now()));
    await pool.query(`UPDATE ${STATE_SCHEMA}.previews SET preview = '{"previewId": "hand-edited"}' WHERE preview_id = 'hand-edited'`);
    const unreadable = await store.peekPreview('hand-edited').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(unreadable).toBeInstanceOf(StateStoreError);
    expect((unreadable as StateStoreError).code).toBe('unreadable');

    await pool.query(`DROP TABLE ${STATE_SCHEMA}.thread_turns`);
    const failed = await store.appendTurn('thread', { question: 'secret question', sql: 'SELECT 1', explanation: 'e', at: 1 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(failed).toBeInstanceOf(StateStoreError);
    expect((failed as StateStoreError).code).toBe('failed');
    expect((failed as StateStoreError).message).toBe('The state store could not remember a turn: the database answered SQLSTATE 42P01.');
    await pool.query(`DROP SCHEMA IF EXISTS ${STATE_SCHEMA} CASCADE`);
  });
});
