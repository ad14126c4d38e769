import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/hash-chain.ts';
import type { AuditRecord } from '../../src/ports/audit-store.ts';
import { AUDIT_SCHEMA, auditGrantsSql, createPostgresAuditStore } from '../../src/providers/postgres-audit/create-postgres-audit-store.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { auditStoreContract, sampleEvent, type Tampering } from './audit-store-contract.ts';

/** The audit log on PostgreSQL: the contract, the append-only triggers, a writer role, and several writers at once. */

let database: TestDatabase;
let pool: pg.Pool;
const records = `${AUDIT_SCHEMA}.records`;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url, 8);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** A superuser who turns the triggers off to tamper, as a database administrator could. */
async function asTamperer(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`ALTER TABLE ${records} DISABLE TRIGGER USER`);
    await work(client);
  } finally {
    await client.query(`ALTER TABLE ${records} ENABLE TRIGGER USER`);
    client.release();
  }
}

const tampering: Tampering = {
  rewrite: (sequence, change) =>
    asTamperer(async (client) => {
      const row = await client.query<{ record: string }>(`SELECT record FROM ${records} WHERE sequence = $1`, [sequence]);
      const next = change(JSON.parse(row.rows[0]?.record as string) as AuditRecord);
      await client.query(`UPDATE ${records} SET record = $2 WHERE sequence = $1`, [sequence, typeof next === 'string' ? next : JSON.stringify(next)]);
    }),
  remove: (sequence) => asTamperer((client) => client.query(`DELETE FROM ${records} WHERE sequence = $1`, [sequence]).then(() => undefined)),
  swap: (first, second) =>
    asTamperer(async (client) => {
      await client.query(
        `UPDATE ${records} SET record = CASE sequence WHEN $1 THEN (SELECT record FROM ${records} WHERE sequence = $2) ELSE (SELECT record FROM ${records} WHERE sequence = $1) END WHERE sequence IN ($1, $2)`,
        [first, second],
      );
    }),
};

auditStoreContract('postgres', async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${AUDIT_SCHEMA} CASCADE`);
  return { store: await createPostgresAuditStore(pool), tamper: tampering, close: async () => {} };
});

describe('postgres audit store', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${AUDIT_SCHEMA} CASCADE`);
    const store = await createPostgresAuditStore(pool);
    await store.append(sampleEvent(1));
    await expect(pool.query(`UPDATE ${records} SET record = 'x'`)).rejects.toThrow('append-only: UPDATE is not allowed');
    await expect(pool.query(`DELETE FROM ${records}`)).rejects.toThrow('append-only: DELETE is not allowed');
    await expect(pool.query(`TRUNCATE ${records}`)).rejects.toThrow('append-only: TRUNCATE is not allowed');
  });

  it('gives the writer role only SELECT and INSERT', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${AUDIT_SCHEMA} CASCADE`);
    const role = `audit_writer_${process.pid}`;
    await pool.query(auditGrantsSql(role));
    try {
      const privileges = await pool.query<{ privilege_type: string }>(
        `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 AND table_schema = $2 ORDER BY 1`,
        [role, AUDIT_SCHEMA],
      );
      expect(privileges.rows.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
    } finally {
      await pool.query(`DROP OWNED BY "${role}"`);
      await pool.query(`DROP ROLE "${role}"`);
    }
  });

  it('keeps one chain when two processes append at once', async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${AUDIT_SCHEMA} CASCADE`);
    await createPostgresAuditStore(pool);
    const writer = (name: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/audit-writer.ts', 'postgres', database.url, name, '40'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let errors = '';
        child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`audit-writer exited ${code}: ${errors}`))));
      });
    await Promise.all([writer('a'), writer('b')]);
    const store = await createPostgresAuditStore(pool);
    expect(await verifyChain(store.records())).toMatchObject({ ok: true, records: 80 });
  });
});
