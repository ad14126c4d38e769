import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conversationRuntime, openRuntime, type Runtime } from '../../src/compose/open-runtime.ts';
import { DatasourceError } from '../../src/ports/datasource.ts';
import { SecretError } from '../../src/ports/secret-store.ts';
import { startFakeAwsSecretsManager, type FakeAwsSecretsManager } from '../fixtures/fake-aws-secrets-manager.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testQuestion } from '../support/planner-fixture.ts';

/**
 * Password rotation without a restart: the datasource's password is a secret://aws/… reference; the password changes in
 * PostgreSQL and in the secret store, the connections made with the old one end, and the next question is answered
 * (the server's rejection makes the runtime fetch the secret again, though its cache would keep it for an hour).
 */

const ROLE = `rotating_reader_${randomBytes(3).toString('hex')}`;

let database: TestDatabase;
let aws: FakeAwsSecretsManager;
let folder: string;
let admin: pg.Client;
let runtime: Runtime | undefined;
/** False on a server that trusts local connections (no password is checked, so no rotation can be seen). */
let checksPasswords = true;

function environment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    SQL_EVAL_HOME: folder,
    LOG_LEVEL: 'silent',
    OPENAI_API_KEY: '',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test-access-key-id',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
    SECRET_CACHE_TTL_SECONDS: '3600',
  };
}

async function setPassword(password: string): Promise<void> {
  await admin.query(`ALTER ROLE ${ROLE} PASSWORD ${admin.escapeLiteral(password)}`);
}

/** Ends the role's sessions (as an idle timeout or a failover would), and waits until the server has no more of them. */
async function endSessions(): Promise<void> {
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [ROLE]);
  for (;;) {
    const { rows } = await admin.query<{ count: number }>('SELECT count(*)::int AS count FROM pg_stat_activity WHERE usename = $1', [ROLE]);
    if (rows[0]?.count === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Let the pool see its connections close before the next statement checks one out.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  aws = await startFakeAwsSecretsManager();
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-rotation-'));
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD 'first-password-1'`);
  await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database.name)} TO ${ROLE}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
  await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ROLE}`);
  aws.put('prod/warehouse', JSON.stringify({ username: ROLE, password: 'first-password-1' }));

  const server = new URL(database.url);
  const roleUrl = `postgres://${ROLE}@${server.host}${server.pathname}`;
  const probe = new pg.Client({ connectionString: roleUrl, password: 'not-the-password' });
  checksPasswords = await probe.connect().then(
    () => false,
    () => true,
  );
  await probe.end().catch(() => undefined);

  await writeFile(
    path.join(folder, 'datasources.yaml'),
    [
      'default: warehouse',
      'datasources:',
      '  warehouse:',
      '    kind: postgres',
      `    url: ${roleUrl}`,
      '    password: secret://aws/prod/warehouse#password',
      '    schemas: [public]',
      '    semantic: configs/semantic/sample.yaml',
      '    today: "2025-07-01"',
      '  hr:',
      '    kind: postgres',
      '    url: secret://aws/prod/hr#url',
      '',
    ].join('\n'),
    'utf8',
  );
});

afterAll(async () => {
  await runtime?.close();
  if (admin) {
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [ROLE]).catch(() => undefined);
    await admin.end();
  }
  await database?.drop();
  // Roles belong to the server, not the database: dropped through the run's admin connection.
  const server = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await server.connect();
  await server.query(`DROP ROLE IF EXISTS ${ROLE}`).finally(() => server.end());
  await aws?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('password rotation', () => {
  it('answers the next question after the password changed in PostgreSQL and in the secret store', async (context) => {
    if (!checksPasswords) context.skip('this server trusts local connections: a wrong password is never rejected');
    runtime = await openRuntime({ config: folder }, environment(), { ...conversationRuntime, state: 'memory' });
    expect(await runtime.assistant.ask(testQuestion('How many customers are there?'))).toMatchObject({ kind: 'answer' });
    const fetchesBefore = aws.requests.length;

    await setPassword('second-password-2');
    aws.put('prod/warehouse', JSON.stringify({ username: ROLE, password: 'second-password-2' }));
    await endSessions();

    expect(await runtime.assistant.ask(testQuestion('How many orders are there?'))).toMatchObject({ kind: 'answer' });
    expect(aws.requests.length).toBe(fetchesBefore + 1);
  });

  it('fails that datasource, naming the reference, when the secret cannot be fetched again', async (context) => {
    if (!checksPasswords || !runtime) context.skip('needs the runtime of the previous test');
    const open = runtime as Runtime;
    await setPassword('third-password-3');
    aws.remove('prod/warehouse');
    await endSessions();

    const failure = await open.datasource.run('SELECT 1', { maxRows: 1, statementTimeoutMs: 5_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DatasourceError);
    expect((failure as DatasourceError).code).toBe('unavailable');
    expect((failure as DatasourceError).message).toContain('secret://aws/prod/warehouse#password');
    expect((failure as DatasourceError).message).toContain('ResourceNotFoundException');

    const reply = await open.assistant.ask(testQuestion('How many customers are there?'));
    expect(reply).toMatchObject({ kind: 'failure', code: 'database-unavailable' });
    expect(JSON.stringify(reply)).not.toMatch(/password-\d/);

    // The secret is back: the next question works again.
    aws.put('prod/warehouse', JSON.stringify({ username: ROLE, password: 'third-password-3' }));
    expect(await open.assistant.ask(testQuestion('How many products are there?'))).toMatchObject({ kind: 'answer' });
  });

  it('refuses to start a datasource whose secret is missing, naming the key and the reference', async () => {
    const opening = openRuntime({ config: folder, datasource: 'hr' }, environment(), { ...conversationRuntime, state: 'memory' });
    await expect(opening).rejects.toThrow(SecretError);
    await expect(opening).rejects.toThrow('datasources.hr.url: could not resolve secret://aws/prod/hr#url: AWS Secrets Manager has no such secret (ResourceNotFoundException)');
  });
});
