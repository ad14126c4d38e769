import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_SCHEMA, ensureStateSchema } from '../../src/providers/postgres-state/ensure-state-schema.ts';
import { createPostgresBudgetLedger } from '../../src/providers/postgres-state/postgres-budget-ledger.ts';
import { createPostgresGrantStore } from '../../src/providers/postgres-state/postgres-grant-store.ts';
import { createTestDatabase, testPool, type TestDatabase } from '../support/database.ts';
import { budgetLedgerContract } from './budget-ledger-contract.ts';
import { createPostgresAuditHeadStore } from '../../src/providers/postgres-state/postgres-audit-head.ts';
import { auditHeadContract } from './audit-head-contract.ts';
import { grantStoreContract } from './grant-store-contract.ts';

/** The token ledger and chat grants on PostgreSQL, for several replicas. */

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = testPool(database.url, 8);
  await ensureStateSchema(pool);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const emptied = async () => {
  await pool.query(`TRUNCATE ${STATE_SCHEMA}.budget_usage, ${STATE_SCHEMA}.budget_askers, ${STATE_SCHEMA}.budget_reservations, ${STATE_SCHEMA}.grants`);
};

budgetLedgerContract('postgres', async (now) => {
  await emptied();
  return { ledger: createPostgresBudgetLedger(pool, now), close: async () => {} };
});

grantStoreContract('postgres', async (now) => {
  await emptied();
  return { grants: createPostgresGrantStore(pool, now), close: async () => {} };
});

auditHeadContract('postgres', async () => {
  await pool.query(`TRUNCATE ${STATE_SCHEMA}.audit_head`);
  return { heads: createPostgresAuditHeadStore(pool), close: async () => {} };
});

function reserveFromAnotherProcess(count: number, tokens: number, dayLimit: number): Promise<{ granted: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/token-reserver.ts', database.url, String(count), String(tokens), String(dayLimit)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { granted: number }) : reject(new Error(`token-reserver exited ${code}: ${errors}`))));
  });
}

describe('postgres budget ledger across processes', () => {
  it('never lets two processes reserving at once pass the limit together', async () => {
    await emptied();
    const [first, second] = await Promise.all([reserveFromAnotherProcess(100, 20, 1000), reserveFromAnotherProcess(100, 20, 1000)]);
    expect((first?.granted ?? 0) + (second?.granted ?? 0)).toBe(50);
    const reserved = await pool.query<{ total: string }>(`SELECT sum(tokens) AS total FROM ${STATE_SCHEMA}.budget_reservations WHERE tenant = 'shared'`);
    expect(Number(reserved.rows[0]?.total)).toBe(1000);
  });

  it('adds the ledger tables to a state schema made by an older version', async () => {
    await pool.query(`DROP TABLE ${STATE_SCHEMA}.grants, ${STATE_SCHEMA}.budget_usage, ${STATE_SCHEMA}.budget_askers, ${STATE_SCHEMA}.budget_reservations, ${STATE_SCHEMA}.audit_head`);
    await ensureStateSchema(pool);
    const ledger = createPostgresBudgetLedger(pool, Date.now);
    expect((await ledger.reserveTokens({ tenant: 't', asker: 'a', tokens: 1, day: 'd', month: 'm', dayLimit: 1, monthLimit: 1, expiresAt: Date.now() + 1000 })).ok).toBe(true);
  });
});
