import pg from 'pg';
import { DatasourceError, type Datasource } from '../../ports/datasource.ts';
import { introspectSchemas } from './introspect.ts';
import { ResultColumnTypes } from './result-column-types.ts';
import { explainStatement, runStatement } from './run.ts';
import { toDatasourceError } from './to-datasource-error.ts';
import { datasourceTypeParsers } from './type-parsers.ts';

export interface PostgresDatasourceOptions {
  /** The datasource's name in configs and messages (never the connection string). */
  name: string;
  connectionString: string;
  /** Schemas that introspection describes and unqualified names resolve in (the search path), in order. Default `['public']`. */
  schemas?: string[] | undefined;
  /** Connections kept at most. Default 4; the runtime passes `resilience.maxConcurrentQueries`, so no admitted statement waits for one. */
  poolSize?: number | undefined;
  /** How long to wait for a connection before reporting the database unavailable. Default 10 s. */
  connectionTimeoutMs?: number | undefined;
}

/** A Datasource over a node-postgres Pool: every statement runs alone, read-only, time-limited and row-capped. */
export function createPostgresDatasource(options: PostgresDatasourceOptions): Datasource {
  const { name } = options;
  const schemas = options.schemas ?? ['public'];
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    application_name: 'sql-eval',
    types: datasourceTypeParsers,
  });
  // An idle connection that breaks is removed from the pool; the next statement reports 'unavailable'.
  pool.on('error', () => undefined);
  const columnTypes = new ResultColumnTypes();
  let closing: Promise<void> | undefined;

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closing !== undefined) throw new DatasourceError('unavailable', `The datasource "${name}" is closed.`, undefined);
    try {
      return await work();
    } catch (error) {
      if (error instanceof RangeError) throw error;
      throw toDatasourceError(error, name);
    }
  };

  return {
    name,
    introspect: () => guarded(() => introspectSchemas(pool, schemas)),
    explain: (sql, explainOptions) => guarded(() => explainStatement(pool, sql, explainOptions, schemas)),
    run: (sql, runOptions) => guarded(() => runStatement(pool, columnTypes, sql, runOptions, schemas)),
    close: () => {
      closing ??= pool.end();
      return closing;
    },
  };
}
