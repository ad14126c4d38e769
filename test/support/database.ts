import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl } from './database-url.ts';
import { SAMPLE_TEMPLATE_DATABASE } from './sample-template.ts';

/** A database of its own for one test file, on the run's PostgreSQL (see global-setup.ts). */
export interface TestDatabase {
  name: string;
  /** Superuser URL of the database. */
  url: string;
  /** Drops the database, closing any connection still open to it; safe to call more than once. */
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { sample?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `sql_eval_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, async (admin) => {
    const template = options.sample === true ? ` TEMPLATE ${admin.escapeIdentifier(SAMPLE_TEMPLATE_DATABASE)}` : '';
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}${template}`);
  });
  let dropping: Promise<void> | undefined;
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => {
      dropping ??= withAdminClient(adminUrl, async (admin) => {
        const version = await admin.query<{ version: number }>("SELECT current_setting('server_version_num')::int AS version");
        // WITH (FORCE) exists from PostgreSQL 13 on.
        const force = (version.rows[0]?.version ?? 0) >= 130_000 ? ' WITH (FORCE)' : '';
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)}${force}`);
      });
      return dropping;
    },
  };
}

async function withAdminClient(adminUrl: string, work: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A pool on a test database. Like the providers' own pools, it ignores an idle connection's error: dropping the
 * database WITH (FORCE) terminates connections a pool is still closing, and an unheard 'error' would fail the run.
 */
export function testPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}
