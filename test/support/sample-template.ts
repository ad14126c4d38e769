import pg from 'pg';
import { SAMPLE_DATA_VERSION } from '../../src/sample-db/generate.ts';
import { loadSampleDatabase } from '../../src/sample-db/load.ts';
import { sampleVersionComment } from '../../src/sample-db/sample-version.ts';
import { databaseUrl } from './database-url.ts';

/**
 * The template database every `createTestDatabase({ sample: true })` copies: `sql_eval_sample_v<VERSION>`, loaded once
 * and kept between runs on an external server. It is marked complete with a database comment only after the load, so an
 * interrupted load is redone; an advisory lock keeps two concurrent test runs from loading it twice.
 */

export const SAMPLE_TEMPLATE_DATABASE = `sql_eval_sample_v${SAMPLE_DATA_VERSION}`;

/** Arbitrary key of the advisory lock held while the template is checked or built. */
const TEMPLATE_LOCK_KEY = 7_310_424_918;

export async function ensureSampleTemplate(adminUrl: string): Promise<{ created: boolean; elapsedMs: number }> {
  const startedAt = performance.now();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query({ text: 'SELECT pg_advisory_lock($1)', values: [TEMPLATE_LOCK_KEY] });
    const complete = sampleVersionComment(SAMPLE_DATA_VERSION);
    const existing = await admin.query<{ comment: string | null }>({
      text: "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      values: [SAMPLE_TEMPLATE_DATABASE],
    });
    if (existing.rows[0]?.comment === complete) return { created: false, elapsedMs: Math.round(performance.now() - startedAt) };

    const quoted = admin.escapeIdentifier(SAMPLE_TEMPLATE_DATABASE);
    if (existing.rowCount !== 0) {
      await admin.query(`ALTER DATABASE ${quoted} WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${quoted}`);
    }
    await admin.query(`CREATE DATABASE ${quoted}`);
    await loadSampleDatabase(databaseUrl(adminUrl, SAMPLE_TEMPLATE_DATABASE));
    // Nobody connects to a template (CREATE DATABASE ... TEMPLATE refuses while anyone does).
    await admin.query(`ALTER DATABASE ${quoted} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await admin.query(`COMMENT ON DATABASE ${quoted} IS ${admin.escapeLiteral(complete)}`);
    return { created: true, elapsedMs: Math.round(performance.now() - startedAt) };
  } finally {
    await admin.query({ text: 'SELECT pg_advisory_unlock($1)', values: [TEMPLATE_LOCK_KEY] }).catch(() => undefined);
    await admin.end();
  }
}
