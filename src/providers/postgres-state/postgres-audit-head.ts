import type pg from 'pg';
import type { AuditHeadStore } from '../../ports/state-store.ts';
import { STATE_SCHEMA } from './ensure-state-schema.ts';
import { rethrowAs } from './to-state-store-error.ts';

const auditHead = `${STATE_SCHEMA}.audit_head`;

/** The audit log's last record seen by any replica: one row, only ever moved forward. */
export function createPostgresAuditHeadStore(pool: pg.Pool): AuditHeadStore {
  return {
    async keepAuditHead(head) {
      await pool
        .query(
          `INSERT INTO ${auditHead} (id, sequence, hash) VALUES (1, $1, $2)
           ON CONFLICT (id) DO UPDATE SET sequence = EXCLUDED.sequence, hash = EXCLUDED.hash WHERE ${auditHead}.sequence < EXCLUDED.sequence`,
          [head.sequence, head.hash],
        )
        .catch(rethrowAs('keep the audit head'));
    },
    async keptAuditHead() {
      const result = await pool.query<{ sequence: string; hash: string }>(`SELECT sequence, hash FROM ${auditHead} WHERE id = 1`).catch(rethrowAs('read the audit head'));
      const row = result.rows[0];
      return row ? { sequence: Number(row.sequence), hash: row.hash } : null;
    },
  };
}
