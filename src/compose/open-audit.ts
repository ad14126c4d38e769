import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { AuditStore } from '../ports/audit-store.ts';
import type { AuditHeadStore } from '../ports/state-store.ts';
import { createFileAuditStore } from '../providers/file-audit/create-file-audit-store.ts';
import { createPostgresAuditStore } from '../providers/postgres-audit/create-postgres-audit-store.ts';
import { openSecrets, type SecretResolver } from './open-secrets.ts';
import { describeUrl } from './open-state.ts';

export interface OpenedAudit {
  store: AuditStore;
  /** `file <folder>` or `postgres <host:port/db>`, without credentials. */
  description: string;
  /** Resolves when the store can be written to now (`/readyz`); rejects otherwise. */
  reachable(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Chooses the audit store, kept apart from the application state: PostgreSQL when `AUDIT_DATABASE_URL` is set (its own
 * schema `sql_eval_audit`; best another database or server than the state's), else JSON-lines files under
 * `$SQL_EVAL_HOME/audit/`.
 */
export async function openAudit(environment: NodeJS.ProcessEnv, options: { secrets?: SecretResolver | undefined; heads?: AuditHeadStore | undefined; onHeadError?: ((error: unknown) => void) | undefined } = {}): Promise<OpenedAudit> {
  const opened = await openAuditStore(environment, options.secrets);
  const { heads } = options;
  if (!heads) return opened;
  // Each record's sequence and hash are also kept in the state store, so `audit verify` finds records cut off the end.
  const store: AuditStore = {
    ...opened.store,
    async append(event) {
      const record = await opened.store.append(event);
      heads.keepAuditHead({ sequence: record.sequence, hash: record.hash }).catch((error: unknown) => options.onHeadError?.(error));
      return record;
    },
  };
  return { ...opened, store };
}

async function openAuditStore(environment: NodeJS.ProcessEnv, secrets: SecretResolver | undefined): Promise<OpenedAudit> {
  const reference = environment.AUDIT_DATABASE_URL?.trim();
  if (reference) {
    const url = await (secrets ?? openSecrets(environment)).resolve(reference, 'AUDIT_DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', () => {});
    try {
      const reachable = async () => {
        await pool.query('SELECT 1');
      };
      return { store: await createPostgresAuditStore(pool), description: `postgres ${describeUrl(url)}`, reachable, close: () => pool.end() };
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }
  const folder = path.resolve(environment.SQL_EVAL_HOME || path.join(process.cwd(), '.sql-eval'), 'audit');
  const store = await createFileAuditStore({ folder });
  return { store, description: `file ${folder}`, reachable: () => access(folder, constants.W_OK), close: () => store.close() };
}
