import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile } from '../src/eval/percentile.ts';
import type { BudgetLedgerStore, ReservationRequest } from '../src/ports/budget-ledger.ts';
import { createLowdbStateStore } from '../src/providers/lowdb/create-lowdb-state-store.ts';
import { createMemoryStateStore } from '../src/providers/memory/memory-state-store.ts';
import { createPostgresStateStore } from '../src/providers/postgres-state/create-postgres-state-store.ts';

/**
 * Token-ledger figures for `pnpm bench`: reserve + settle latency per provider, one at a time (P50/P99), and the
 * throughput of 200 concurrent requests each reserving and settling, on one tenant.
 */

const request = (tenant: string): ReservationRequest => ({
  tenant,
  asker: 'bench:user',
  tokens: 1_000,
  day: '2026-11-30',
  month: '2026-11',
  dayLimit: 10 ** 12,
  monthLimit: 10 ** 12,
  expiresAt: Date.now() + 600_000,
});

async function reserveAndSettle(ledger: BudgetLedgerStore, tenant: string): Promise<void> {
  const outcome = await ledger.reserveTokens(request(tenant));
  if (!outcome.ok) throw new Error('the bench tenant ran out of budget');
  await ledger.settleTokens(outcome.reservationId, 900);
}

async function measure(name: string, ledger: BudgetLedgerStore, line: (name: string, value: string) => void): Promise<void> {
  const sequential: number[] = [];
  for (let index = 0; index < 200; index += 1) {
    const started = performance.now();
    await reserveAndSettle(ledger, 'sequential');
    sequential.push(performance.now() - started);
  }
  line(`budget reserve+settle, ${name}`, `P50 ${percentile(sequential, 50)?.toFixed(2)} ms, P99 ${percentile(sequential, 99)?.toFixed(2)} ms (n=200, one at a time)`);
  const started = performance.now();
  await Promise.all(Array.from({ length: 200 }, () => reserveAndSettle(ledger, 'concurrent')));
  const seconds = (performance.now() - started) / 1000;
  line(`budget reserve+settle, ${name}, 200 concurrent`, `${Math.round(200 / seconds)} requests/s (${(seconds * 1000).toFixed(0)} ms for 200)`);
}

export async function benchBudgets(input: { postgresUrl: string; line: (name: string, value: string) => void }): Promise<void> {
  await measure('memory', createMemoryStateStore(), input.line);
  const folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-bench-ledger-'));
  try {
    const file = await createLowdbStateStore({ file: path.join(folder, 'state.json') });
    try {
      await measure('lowdb (file lock)', file, input.line);
    } finally {
      await file.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const pool = new pg.Pool({ connectionString: input.postgresUrl, max: 10 });
  try {
    await pool.query('DROP SCHEMA IF EXISTS sql_eval_state CASCADE');
    await measure('postgres', await createPostgresStateStore({ pool }), input.line);
  } finally {
    await pool.query('DROP SCHEMA IF EXISTS sql_eval_state CASCADE').catch(() => undefined);
    await pool.end();
  }
}
