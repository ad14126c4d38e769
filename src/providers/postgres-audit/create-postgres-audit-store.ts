import type pg from 'pg';
import { chainRecord } from '../../audit/hash-chain.ts';
import { AuditError, type AuditHead, type AuditStore } from '../../ports/audit-store.ts';

/**
 * The audit log in PostgreSQL, in its own schema (`sql_eval_audit`, or another database altogether): one row per
 * record, the record's exact JSON text beside its sequence. Triggers refuse UPDATE, DELETE and TRUNCATE. Appends from
 * several replicas are serialised by a transaction-scoped advisory lock and chain onto the last row read under it, so
 * they keep one chain; a process's own appends are written in the order they were made.
 */

export const AUDIT_SCHEMA = 'sql_eval_audit';
const records = `${AUDIT_SCHEMA}.records`;

const CREATE_AUDIT_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS ${AUDIT_SCHEMA};
CREATE TABLE IF NOT EXISTS ${records} (
  sequence bigint PRIMARY KEY,
  written_at timestamptz NOT NULL DEFAULT now(),
  record text NOT NULL
);
CREATE OR REPLACE FUNCTION ${AUDIT_SCHEMA}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the sql-eval audit log is append-only: % is not allowed', TG_OP;
END
$$;
DROP TRIGGER IF EXISTS records_append_only ON ${records};
CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON ${records} FOR EACH ROW EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change();
DROP TRIGGER IF EXISTS records_no_truncate ON ${records};
CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON ${records} FOR EACH STATEMENT EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change();
`;

export async function createPostgresAuditStore(pool: pg.Pool): Promise<AuditStore> {
  await ensureAuditSchema(pool);
  // This process's appends go in order, one after the other; the advisory lock orders them with other processes'.
  let queue: Promise<unknown> = Promise.resolve();
  const append = async (event: Parameters<AuditStore['append']>[0]) => {
    const client = await pool.connect().catch((error: unknown) => {
      throw new AuditError('The audit database cannot be reached; nothing was appended.', { cause: error });
    });
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [records]);
      const last = await client.query<{ record: string }>(`SELECT record FROM ${records} ORDER BY sequence DESC LIMIT 1`);
      const row = last.rows[0];
      const head: AuditHead | null = row ? headOf(row.record) : null;
      const record = chainRecord(event, head);
      await client.query(`INSERT INTO ${records} (sequence, record) VALUES ($1, $2)`, [record.sequence, JSON.stringify(record)]);
      await client.query('COMMIT');
      return record;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof AuditError) throw error;
      const code = (error as { code?: unknown }).code;
      throw new AuditError(`The audit record could not be written${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}; nothing was appended.`, { cause: error });
    } finally {
      client.release();
    }
  };
  return {
    append(event) {
      const appending = queue.then(() => append(event));
      queue = appending.catch(() => undefined);
      return appending;
    },
    async *records() {
      let after = 0;
      for (;;) {
        const page = await pool.query<{ sequence: string; record: string }>(`SELECT sequence, record FROM ${records} WHERE sequence > $1 ORDER BY sequence LIMIT 1000`, [after]);
        for (const row of page.rows) {
          try {
            yield JSON.parse(row.record) as unknown;
          } catch {
            yield row.record;
          }
        }
        const last = page.rows.at(-1);
        if (!last) return;
        after = Number(last.sequence);
      }
    },
    /** Waits for the appends under way; the pool is the caller's. */
    async close() {
      await queue;
    },
  };
}

function headOf(text: string): AuditHead {
  try {
    const parsed = JSON.parse(text) as { sequence?: unknown; hash?: unknown };
    if (typeof parsed.sequence === 'number' && typeof parsed.hash === 'string') return { sequence: parsed.sequence, hash: parsed.hash };
  } catch {
    // reported below
  }
  throw new AuditError("The audit log's last record cannot be read; run `sql-eval audit verify`. Nothing was appended.");
}

export async function ensureAuditSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect().catch((error: unknown) => {
    throw new AuditError('The audit database cannot be reached.', { cause: error });
  });
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${AUDIT_SCHEMA}'))`);
    const created = await client.query(`SELECT to_regclass('${records}') IS NOT NULL AS done`);
    if (created.rows[0]?.done !== true) await client.query(CREATE_AUDIT_SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new AuditError(`The audit schema "${AUDIT_SCHEMA}" could not be created; let the audit database user create it once, or create it with \`sql-eval audit grants\`.`, { cause: error });
  } finally {
    client.release();
  }
}

/** SQL for a writer role that can only read and append: `sql-eval audit grants`. */
export function auditGrantsSql(role: string): string {
  const quoted = `"${role.replace(/"/g, '""')}"`;
  return [
    `-- The audit writer: reads and appends; cannot change or remove a record (the triggers also refuse it).`,
    `CREATE ROLE ${quoted} LOGIN;`,
    CREATE_AUDIT_SCHEMA.trim(),
    `REVOKE ALL ON SCHEMA ${AUDIT_SCHEMA} FROM PUBLIC;`,
    `REVOKE ALL ON ${records} FROM PUBLIC;`,
    `GRANT USAGE ON SCHEMA ${AUDIT_SCHEMA} TO ${quoted};`,
    `GRANT SELECT, INSERT ON ${records} TO ${quoted};`,
  ].join('\n');
}
