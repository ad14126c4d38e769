import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLowdbStateStore } from '../../src/providers/lowdb/create-lowdb-state-store.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { budgetLedgerContract } from './budget-ledger-contract.ts';
import { auditHeadContract } from './audit-head-contract.ts';
import { grantStoreContract } from './grant-store-contract.ts';

/** The ledger and grant contracts for the file-less providers; postgres runs them in postgres-state-store.db.test.ts. */

let folder: string;
let count = 0;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-ledger-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const lowdb = async (now: () => number) => {
  const store = await createLowdbStateStore({ file: path.join(folder, `state-${++count}.json`), now });
  return { store, close: () => store.close() };
};

budgetLedgerContract('memory', async (now) => ({ ledger: createMemoryStateStore({ now }), close: async () => {} }));
grantStoreContract('memory', async (now) => ({ grants: createMemoryStateStore({ now }), close: async () => {} }));
budgetLedgerContract('lowdb', async (now) => {
  const { store, close } = await lowdb(now);
  return { ledger: store, close };
});
auditHeadContract('memory', async () => ({ heads: createMemoryStateStore(), close: async () => {} }));
auditHeadContract('lowdb', async () => {
  const { store, close } = await lowdb(Date.now);
  return { heads: store, close };
});
grantStoreContract('lowdb', async (now) => {
  const { store, close } = await lowdb(now);
  return { grants: store, close };
});

describe('lowdb: the ledger and grants survive a restart', () => {
  it('reads back usage, live reservations and grants from the file', async () => {
    const file = path.join(folder, 'restart.json');
    const first = await createLowdbStateStore({ file, now: () => 1_000 });
    const reserved = await first.reserveTokens({ tenant: 't', asker: 'cli:ana', tokens: 50, day: 'd', month: 'm', dayLimit: 100, monthLimit: 100, expiresAt: 9_000 });
    const held = await first.reserveTokens({ tenant: 't', asker: 'cli:ana', tokens: 30, day: 'd', month: 'm', dayLimit: 100, monthLimit: 100, expiresAt: 9_000 });
    if (!reserved.ok || !held.ok) throw new Error('expected reservations');
    await first.settleTokens(reserved.reservationId, 40);
    await first.saveGrant({ grantee: 'cli:bob', entitlement: 'pii:*', grantedBy: 'cli:ana', grantedAt: 1_000, expiresAt: null });
    await first.close();
    const second = await createLowdbStateStore({ file, now: () => 2_000 });
    try {
      expect(await second.budgetUsage('t', 'd', 'm')).toEqual({ day: { used: 40, reserved: 30 }, month: { used: 40, reserved: 30 }, topAskers: [{ asker: 'cli:ana', tokens: 40 }] });
      expect((await second.listGrants(['cli:bob'])).map((grant) => grant.entitlement)).toEqual(['pii:*']);
    } finally {
      await second.close();
    }
  });
});
