import pg from 'pg';
import { SAMPLE_DATA_VERSION } from '../../sample-db/generate.ts';
import { loadSampleDatabase } from '../../sample-db/load.ts';
import { readSampleDataVersion } from '../../sample-db/sample-version.ts';

export interface EnsureSampleDatabaseResult {
  /** True when the data was (re)loaded because it was missing or of another version. */
  loaded: boolean;
  elapsedMs: number;
}

/**
 * Makes sure `database` exists on the server and holds the sample data at SAMPLE_DATA_VERSION, loading it
 * (replacing older sample tables) when it does not. `connectionStringFor(name)` gives a superuser URL per database.
 */
export async function ensureSampleDatabase(connectionStringFor: (database: string) => string, database = 'sample'): Promise<EnsureSampleDatabaseResult> {
  const startedAt = performance.now();
  const admin = new pg.Client({ connectionString: connectionStringFor('postgres') });
  await admin.connect();
  try {
    const found = await admin.query({ text: 'SELECT 1 FROM pg_database WHERE datname = $1', values: [database] });
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } finally {
    await admin.end();
  }

  const client = new pg.Client({ connectionString: connectionStringFor(database) });
  await client.connect();
  try {
    const version = await readSampleDataVersion(client);
    if (version === SAMPLE_DATA_VERSION) return { loaded: false, elapsedMs: Math.round(performance.now() - startedAt) };
    await loadSampleDatabase(client, { replace: true });
    return { loaded: true, elapsedMs: Math.round(performance.now() - startedAt) };
  } finally {
    await client.end();
  }
}
