import pg from 'pg';
import type { StateStore } from '../ports/state-store.ts';
import { createLowdbStateStore } from '../providers/lowdb/create-lowdb-state-store.ts';
import { createMemoryStateStore } from '../providers/memory/memory-state-store.ts';
import { createPostgresStateStore } from '../providers/postgres-state/create-postgres-state-store.ts';
import { openSecrets, type SecretResolver } from './open-secrets.ts';

export interface OpenedState {
  store: StateStore;
  /** `memory`, `file <path>` or `postgres <host:port/db>`: where it lives, without credentials. */
  description: string;
  close(): Promise<void>;
}

/**
 * Chooses the state store: `memory` for this run only; otherwise PostgreSQL when `STATE_DATABASE_URL` is set (several
 * replicas behind a load balancer share it), else the lowdb file `$SQL_EVAL_HOME/state.json`.
 */
export async function openState(kind: 'file' | 'memory', environment: NodeJS.ProcessEnv, options: { previewTtlMs?: number | undefined; secrets?: SecretResolver | undefined } = {}): Promise<OpenedState> {
  const { previewTtlMs } = options;
  if (kind === 'memory') return { store: createMemoryStateStore({ previewTtlMs }), description: 'memory', close: async () => {} };
  const reference = environment.STATE_DATABASE_URL?.trim();
  if (reference) {
    const url = await (options.secrets ?? openSecrets(environment)).resolve(reference, 'STATE_DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client's error (the server restarted) must not end the process; the next query reconnects.
    pool.on('error', () => {});
    try {
      const store = await createPostgresStateStore({ pool, previewTtlMs });
      return { store, description: `postgres ${describeUrl(url)}`, close: () => pool.end() };
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }
  const file = await createLowdbStateStore({ home: environment.SQL_EVAL_HOME, previewTtlMs });
  return { store: file, description: `file ${file.file}`, close: () => file.close() };
}

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
