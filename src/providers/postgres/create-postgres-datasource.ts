import pg from 'pg';
import { DatasourceError, type Datasource } from '../../ports/datasource.ts';
import { introspectSchemas } from './introspect.ts';
import { ResultColumnTypes } from './result-column-types.ts';
import { explainStatement, runStatement } from './run.ts';
import { toDatasourceError } from './to-datasource-error.ts';
import { datasourceTypeParsers } from './type-parsers.ts';

/**
 * Gives the connection string, asked before every statement (a cache makes that cheap). `refresh: true` after the
 * server rejected the credentials: fetch them again (a rotated password) instead of taking a cached value.
 */
export type ConnectionStringSource = (request: { refresh: boolean }) => Promise<string>;

export interface PostgresDatasourceOptions {
  /** The datasource's name in configs and messages (never the connection string). */
  name: string;
  /** A connection string, or a source of it for credentials that rotate. */
  connectionString: string | ConnectionStringSource;
  /** Schemas that introspection describes and unqualified names resolve in (the search path), in order. Default `['public']`. */
  schemas?: string[] | undefined;
  /** Connections kept at most. Default 4; the runtime passes `resilience.maxConcurrentQueries`, so no admitted statement waits for one. */
  poolSize?: number | undefined;
  /** How long to wait for a connection before reporting the database unavailable. Default 10 s. */
  connectionTimeoutMs?: number | undefined;
}

/** SQLSTATEs of a refused login: invalid_password, invalid_authorization_specification. */
const REJECTED_CREDENTIALS = new Set(['28P01', '28000']);

/**
 * A Datasource over a node-postgres Pool: every statement runs alone, read-only, time-limited and row-capped. When the
 * source gives another connection string (its secret was rotated), a new pool takes over and the old one closes once
 * its statements finish; when the server rejects the credentials, they are fetched again and the statement is retried
 * once on the new ones.
 */
export function createPostgresDatasource(options: PostgresDatasourceOptions): Datasource {
  const { name } = options;
  const schemas = options.schemas ?? ['public'];
  const given = options.connectionString;
  const source: ConnectionStringSource = typeof given === 'string' ? async () => given : given;
  const createPool = (connectionString: string) => {
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      application_name: 'sql-eval',
      types: datasourceTypeParsers,
    });
    // An idle connection that breaks is removed from the pool; the next statement reports 'unavailable'.
    pool.on('error', () => undefined);
    return pool;
  };
  const columnTypes = new ResultColumnTypes();
  let current: { connectionString: string; pool: pg.Pool } | undefined;
  const retiring: Promise<void>[] = [];
  let closing: Promise<void> | undefined;

  const closedError = () => new DatasourceError('unavailable', `The datasource "${name}" is closed.`, undefined);

  const poolFor = async (refresh: boolean): Promise<pg.Pool> => {
    let connectionString: string;
    try {
      connectionString = await source({ refresh });
    } catch (error) {
      // The source's errors name the secret reference, never its value.
      const reason = error instanceof Error ? error.message : 'unknown error';
      throw new DatasourceError('unavailable', `The datasource "${name}" has no credentials: ${reason}`, undefined, { cause: error });
    }
    if (closing !== undefined) throw closedError();
    if (current?.connectionString === connectionString) return current.pool;
    if (current) retiring.push(current.pool.end().catch(() => undefined));
    current = { connectionString, pool: createPool(connectionString) };
    return current.pool;
  };

  const guarded = async <T>(work: (pool: pg.Pool) => Promise<T>): Promise<T> => {
    if (closing !== undefined) throw closedError();
    try {
      const pool = await poolFor(false);
      try {
        return await work(pool);
      } catch (error) {
        if (!(error instanceof pg.DatabaseError && REJECTED_CREDENTIALS.has(error.code ?? ''))) throw error;
        const renewed = await poolFor(true);
        if (renewed === pool) throw error;
        return await work(renewed);
      }
    } catch (error) {
      if (error instanceof RangeError) throw error;
      throw toDatasourceError(error, name);
    }
  };

  return {
    name,
    introspect: () => guarded((pool) => introspectSchemas(pool, schemas)),
    explain: (sql, explainOptions) => guarded((pool) => explainStatement(pool, sql, explainOptions, schemas)),
    run: (sql, runOptions) => guarded((pool) => runStatement(pool, columnTypes, sql, runOptions, schemas)),
    close: () => {
      closing ??= Promise.all([current?.pool.end(), ...retiring]).then(() => undefined);
      return closing;
    },
  };
}
