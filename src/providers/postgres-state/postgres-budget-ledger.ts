import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { BudgetLedgerStore } from '../../ports/budget-ledger.ts';
import { STATE_SCHEMA } from './ensure-state-schema.ts';
import { rethrowAs, toStateStoreError } from './to-state-store-error.ts';

const usage = `${STATE_SCHEMA}.budget_usage`;
const askers = `${STATE_SCHEMA}.budget_askers`;
const reservations = `${STATE_SCHEMA}.budget_reservations`;

/**
 * The token ledger for several replicas. A reservation takes a transaction-scoped advisory lock on its tenant, then
 * reads the tenant's used and reserved tokens in one statement (one snapshot) and inserts the reservation only when
 * both periods stay within their limits: two processes reserving for one tenant at the same moment are serialised,
 * so they can never overspend. Settling deletes the reservation and adds the usage in one statement.
 */
export function createPostgresBudgetLedger(pool: pg.Pool, now: () => number): BudgetLedgerStore {
  return {
    async reserveTokens(request) {
      const client = await pool.connect().catch(rethrowAs('reserve tokens'));
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${STATE_SCHEMA}.budget:${request.tenant}`]);
        await client.query(`DELETE FROM ${reservations} WHERE tenant = $1 AND expires_at <= $2`, [request.tenant, now()]);
        const figures = await client.query<{ day_used: string; month_used: string; day_reserved: string; month_reserved: string }>(
          `SELECT
             coalesce((SELECT used FROM ${usage} WHERE tenant = $1 AND period = $2), 0) AS day_used,
             coalesce((SELECT used FROM ${usage} WHERE tenant = $1 AND period = $3), 0) AS month_used,
             coalesce((SELECT sum(tokens) FROM ${reservations} WHERE tenant = $1 AND day = $2), 0) AS day_reserved,
             coalesce((SELECT sum(tokens) FROM ${reservations} WHERE tenant = $1 AND month = $3), 0) AS month_reserved`,
          [request.tenant, request.day, request.month],
        );
        const row = figures.rows[0];
        const checks = [
          { period: 'day' as const, limit: request.dayLimit, used: Number(row?.day_used ?? 0), reserved: Number(row?.day_reserved ?? 0) },
          { period: 'month' as const, limit: request.monthLimit, used: Number(row?.month_used ?? 0), reserved: Number(row?.month_reserved ?? 0) },
        ];
        const exceeded = checks.find((check) => check.used + check.reserved + request.tokens > check.limit);
        if (exceeded) {
          await client.query('COMMIT');
          return { ok: false, ...exceeded };
        }
        const reservationId = randomUUID();
        await client.query(`INSERT INTO ${reservations} (reservation_id, tenant, asker, tokens, day, month, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          reservationId,
          request.tenant,
          request.asker,
          request.tokens,
          request.day,
          request.month,
          request.expiresAt,
        ]);
        await client.query('COMMIT');
        return { ok: true, reservationId };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw toStateStoreError(error, 'reserve tokens');
      } finally {
        client.release();
      }
    },

    async settleTokens(reservationId, usedTokens) {
      await pool
        .query(
          `WITH done AS (DELETE FROM ${reservations} WHERE reservation_id = $1 RETURNING tenant, asker, day, month),
           periods AS (SELECT tenant, day AS period FROM done UNION ALL SELECT tenant, month FROM done),
           counted AS (
             INSERT INTO ${usage} (tenant, period, used) SELECT tenant, period, $2 FROM periods
             ON CONFLICT (tenant, period) DO UPDATE SET used = ${usage}.used + EXCLUDED.used
           )
           INSERT INTO ${askers} (tenant, month, asker, used) SELECT tenant, month, asker, $2 FROM done
           ON CONFLICT (tenant, month, asker) DO UPDATE SET used = ${askers}.used + EXCLUDED.used`,
          [reservationId, Math.max(0, Math.round(usedTokens))],
        )
        .catch(rethrowAs('settle tokens'));
    },

    async releaseTokens(reservationId) {
      await pool.query(`DELETE FROM ${reservations} WHERE reservation_id = $1`, [reservationId]).catch(rethrowAs('release tokens'));
    },

    async budgetUsage(tenant, day, month) {
      const result = await pool
        .query<{ day_used: string; month_used: string; day_reserved: string; month_reserved: string; top: { asker: string; tokens: string }[] | null }>(
          `SELECT
             coalesce((SELECT used FROM ${usage} WHERE tenant = $1 AND period = $2), 0) AS day_used,
             coalesce((SELECT used FROM ${usage} WHERE tenant = $1 AND period = $3), 0) AS month_used,
             coalesce((SELECT sum(tokens) FROM ${reservations} WHERE tenant = $1 AND day = $2 AND expires_at > $4), 0) AS day_reserved,
             coalesce((SELECT sum(tokens) FROM ${reservations} WHERE tenant = $1 AND month = $3 AND expires_at > $4), 0) AS month_reserved,
             (SELECT json_agg(json_build_object('asker', asker, 'tokens', used) ORDER BY used DESC, asker)
                FROM (SELECT asker, used FROM ${askers} WHERE tenant = $1 AND month = $3 ORDER BY used DESC, asker LIMIT 5) top) AS top`,
          [tenant, day, month, now()],
        )
        .catch(rethrowAs('read budget usage'));
      const row = result.rows[0];
      return {
        day: { used: Number(row?.day_used ?? 0), reserved: Number(row?.day_reserved ?? 0) },
        month: { used: Number(row?.month_used ?? 0), reserved: Number(row?.month_reserved ?? 0) },
        topAskers: (row?.top ?? []).map((entry) => ({ asker: entry.asker, tokens: Number(entry.tokens) })),
      };
    },
  };
}
