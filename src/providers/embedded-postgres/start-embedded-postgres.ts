import { ensureSampleDatabase } from './ensure-sample-database.ts';
import { startEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './start-embedded-server.ts';

/** The embedded default database: an embedded PostgreSQL server whose `sample` database holds the current sample data. */

export interface EmbeddedPostgres extends EmbeddedServer {
  timings: EmbeddedServer['timings'] & { sampleDatabaseMs: number; sampleLoaded: boolean };
}

export const SAMPLE_DATABASE_NAME = 'sample';

export async function startEmbeddedPostgres(options: EmbeddedServerOptions = {}): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedServer(options);
  try {
    const sample = await ensureSampleDatabase((database) => server.connectionString(database), SAMPLE_DATABASE_NAME);
    return { ...server, timings: { ...server.timings, sampleDatabaseMs: sample.elapsedMs, sampleLoaded: sample.loaded } };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
