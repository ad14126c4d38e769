import type pg from 'pg';
import type { GrantStore } from '../../ports/grant-store.ts';
import { STATE_SCHEMA } from './ensure-state-schema.ts';
import { rethrowAs } from './to-state-store-error.ts';

const grants = `${STATE_SCHEMA}.grants`;

/** Chat grants shared by replicas: one row per (grantee, entitlement); expired rows are never returned. */
export function createPostgresGrantStore(pool: pg.Pool, now: () => number): GrantStore {
  return {
    async saveGrant(grant) {
      await pool
        .query(
          `INSERT INTO ${grants} (grantee, entitlement, granted_by, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (grantee, entitlement) DO UPDATE SET granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at, expires_at = EXCLUDED.expires_at`,
          [grant.grantee, grant.entitlement, grant.grantedBy, grant.grantedAt, grant.expiresAt],
        )
        .catch(rethrowAs('save a grant'));
    },
    async revokeGrant(grantee, entitlement) {
      const result = await pool.query(`DELETE FROM ${grants} WHERE grantee = $1 AND entitlement = $2`, [grantee, entitlement]).catch(rethrowAs('revoke a grant'));
      return (result.rowCount ?? 0) > 0;
    },
    async listGrants(grantees) {
      const result = await pool
        .query<{ grantee: string; entitlement: string; granted_by: string; granted_at: string; expires_at: string | null }>(
          `SELECT grantee, entitlement, granted_by, granted_at, expires_at FROM ${grants}
           WHERE grantee = ANY($1::text[]) AND (expires_at IS NULL OR expires_at > $2) ORDER BY grantee, entitlement`,
          [grantees, now()],
        )
        .catch(rethrowAs('list grants'));
      return result.rows.map((row) => ({
        grantee: row.grantee,
        entitlement: row.entitlement,
        grantedBy: row.granted_by,
        grantedAt: Number(row.granted_at),
        expiresAt: row.expires_at === null ? null : Number(row.expires_at),
      }));
    },
  };
}
