import path from 'node:path';
import pg from 'pg';
import type { AuditStore } from '../ports/audit-store.ts';
import { createFileAuditStore } from '../providers/file-audit/create-file-audit-store.ts';
import { createPostgresAuditStore } from '../providers/postgres-audit/create-postgres-audit-store.ts';
import { openSecrets, type SecretResolver } from './open-secrets.ts';
import { describeUrl } from './open-state.ts';

export interface OpenedAudit {
  store: AuditStore;
  /** `file <folder>` or `postgres <host:port/db>`, without credentials. */
  description: string;
  close(): Promise<void>;
}

/**
 * Chooses the audit store, kept apart from the application state: PostgreSQL when `AUDIT_DATABASE_URL` is set (its own
 * schema `sql_eval_audit`; best another database or server than the state's), else JSON-lines files under
 * `$SQL_EVAL_HOME/audit/`.
 */
export async function openAudit(environment: NodeJS.ProcessEnv, options: { secrets?: SecretResolver | undefined } = {}): Promise<OpenedAudit> {
  const reference = environment.AUDIT_DATABASE_URL?.trim();
  if (reference) {
    const url = await (options.secrets ?? openSecrets(environment)).resolve(reference, 'AUDIT_DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => {});
    try {
      return { store: await createPostgresAuditStore(pool), description: `postgres ${describeUrl(url)}`, close: () => pool.end() };
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }
  const folder = path.resolve(environment.SQL_EVAL_HOME || path.join(process.cwd(), '.sql-eval'), 'audit');
  const store = await createFileAuditStore({ folder });
  return { store, description: `file ${folder}`, close: () => store.close() };
}
