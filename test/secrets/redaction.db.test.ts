import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SIGNING_SECRET, mention, messageTs, sendEvent } from '../adapters/slack/slack-harness.ts';
import { startFakeAwsSecretsManager, type FakeAwsSecretsManager } from '../fixtures/fake-aws-secrets-manager.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fixtures/fake-openai-server.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fixtures/fake-slack-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli, type CliRun } from '../support/run-cli.ts';
import { startServe } from '../support/serve-process.ts';

/**
 * Secrets never reach logs, errors, replies or chat: known secret values go through every failure path (a rejected
 * password, an unreachable server, a secret that is not a URL or not JSON, a model that echoes its key, a state store
 * that refuses its login, a plaintext password refused, a Slack token refused, a database failing mid-conversation), with
 * LOG_LEVEL=debug, and all output (stdout, stderr, the JSON replies, every call the fake Slack received) is searched.
 */

const ROLE = `redaction_reader_${randomBytes(3).toString('hex')}`;
const tag = randomBytes(4).toString('hex');
const SECRETS = {
  rolePassword: `Role-Pw-${tag}-right`,
  wrongPassword: `Role-Pw-${tag}-wrong`,
  unreachablePassword: `Unreachable-Pw-${tag}`,
  notAUrl: `not-a-url-Pw-${tag}`,
  notJson: `plain-text-Pw-${tag}`,
  openAiKey: `test-openai-key-${tag}`,
  statePassword: `State-Pw-${tag}`,
  plaintext: `Plaintext-Pw-${tag}`,
  slackToken: `xoxb-test-slack-${tag}`,
  signingSecret: SIGNING_SECRET,
};

let database: TestDatabase;
let aws: FakeAwsSecretsManager;
let openAi: FakeOpenAiServer;
let slack: FakeSlackApi;
let folder: string;
let roleUrl: (password: string) => string;
/** Every value that must never be printed: the list above and the test server's own superuser password. */
let secretValues: string[];
/** False on a server that trusts local connections: a wrong password is then never rejected. */
let checksPasswords = true;

function baseEnvironment(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'debug',
    SQL_EVAL_HOME: folder,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test-access-key-id',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
    SLACK_BOT_TOKEN: undefined,
    SLACK_SIGNING_SECRET: undefined,
    SLACK_APP_TOKEN: undefined,
    STATE_DATABASE_URL: undefined,
    ...extra,
  };
}

function expectNoSecret(output: string, where: string): void {
  const found = secretValues.filter((value) => output.includes(value)).map((value) => `${value.slice(0, 6)}…`);
  expect(found, `${where} contains secret values`).toEqual([]);
}

function allOutput(run: CliRun): string {
  return `${run.stdout}\n${run.stderr}`;
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  [aws, openAi, slack] = await Promise.all([startFakeAwsSecretsManager(), startFakeOpenAiServer(), startFakeSlackApi()]);
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-redaction-'));
  await chmod(folder, 0o755);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD ${admin.escapeLiteral(SECRETS.rolePassword)}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database.name)} TO ${ROLE}`);
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ROLE}`);
  } finally {
    await admin.end();
  }
  const server = new URL(database.url);
  roleUrl = (password) => `postgres://${ROLE}:${encodeURIComponent(password)}@${server.host}${server.pathname}`;
  secretValues = [...Object.values(SECRETS), ...(server.password ? [decodeURIComponent(server.password)] : [])];
  const probe = new pg.Client({ connectionString: roleUrl(SECRETS.wrongPassword) });
  checksPasswords = await probe.connect().then(
    () => false,
    () => true,
  );
  await probe.end().catch(() => undefined);

  aws.put('redaction/right', JSON.stringify({ url: roleUrl(SECRETS.rolePassword) }));
  aws.put('redaction/wrong', JSON.stringify({ url: roleUrl(SECRETS.wrongPassword) }));
  aws.put('redaction/unreachable', JSON.stringify({ url: `postgres://${ROLE}:${SECRETS.unreachablePassword}@127.0.0.1:1/nowhere` }));
  aws.put('redaction/not-a-url', JSON.stringify({ url: SECRETS.notAUrl }));
  aws.put('redaction/not-json', SECRETS.notJson);
  aws.put('redaction/openai', JSON.stringify({ key: SECRETS.openAiKey }));
  aws.put('redaction/state', JSON.stringify({ url: `postgres://${ROLE}:${SECRETS.statePassword}@${server.host}${server.pathname}` }));
  aws.put('redaction/slack', JSON.stringify({ botToken: SECRETS.slackToken, signingSecret: SECRETS.signingSecret }));
  // A model endpoint that echoes the key it was given, as some do in their error messages.
  openAi.setResponder((body) => ({ status: 401, body: { error: { message: `Incorrect API key provided: ${SECRETS.openAiKey} for ${String(body.model)}`, type: 'invalid_request_error', code: 'invalid_api_key' } } }));
});

afterAll(async () => {
  await Promise.all([aws?.close(), openAi?.close(), slack?.close()]);
  await database?.drop();
  const server = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await server.connect();
  await server.query(`DROP ROLE IF EXISTS ${ROLE}`).finally(() => server.end());
  if (folder) await rm(folder, { recursive: true, force: true });
});

const ask = (reference: string, extra: Record<string, string | undefined> = {}, flags: string[] = []) =>
  runCli(['ask', 'How many customers are there?', '--json', '--yes', '--database-url', reference, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01', ...flags], baseEnvironment(extra));

// Each is a child process or two; under a loaded full run they take a while, so the time limit is generous.
describe.concurrent('failure paths of the command line', { timeout: 240_000 }, () => {
  it('a database that rejects the password', async ({ expect }) => {
    const run = await ask('secret://aws/redaction/wrong#url');
    expectNoSecret(allOutput(run), 'ask with a rejected password');
    // A server that trusts local connections accepts any password: then the question is simply answered.
    if (run.code !== 0) expect(run.stderr).toMatch(/unavailable|28P01|password/i);
  });

  it('a database that cannot be reached', async ({ expect }) => {
    const run = await ask('secret://aws/redaction/unreachable#url');
    expect(run.code).not.toBe(0);
    expectNoSecret(allOutput(run), 'ask with an unreachable database');
  });

  it('a secret that is not a connection URL, and one that is not JSON', async ({ expect }) => {
    const notUrl = await ask('secret://aws/redaction/not-a-url#url');
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain('--database-url: the secret secret://aws/redaction/not-a-url#url is not a PostgreSQL connection URL');
    const notJson = await ask('secret://aws/redaction/not-json#url');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('could not resolve secret://aws/redaction/not-json#url: the secret is not a JSON object');
    expectNoSecret(allOutput(notUrl) + allOutput(notJson), 'ask with unusable secrets');
  });

  it('a model endpoint that refuses the key and echoes it', async ({ expect }) => {
    const run = await ask('secret://aws/redaction/right#url', { OPENAI_API_KEY: 'secret://aws/redaction/openai#key', OPENAI_BASE_URL: openAi.baseURL }, ['--lane', 'llm']);
    expect(openAi.requests.length).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/"kind": "failure"/);
    expectNoSecret(allOutput(run), 'ask with a refused model key');
  });

  it('a state store that refuses its login, and a plaintext password in datasources.yaml', async ({ expect }) => {
    const state = await runCli(['ask', 'How many customers are there?', '--json', '--database-url', 'secret://aws/redaction/right#url'], baseEnvironment({ STATE_DATABASE_URL: 'secret://aws/redaction/state#url', SQL_EVAL_HOME: path.join(folder, 'state') }));
    expectNoSecret(allOutput(state), 'ask with a refused state store login');

    const configFolder = path.join(folder, 'plaintext-config');
    await mkdir(configFolder, { recursive: true });
    await writeFile(path.join(configFolder, 'datasources.yaml'), `default: legacy\ndatasources:\n  legacy:\n    kind: postgres\n    url: ${roleUrl(SECRETS.plaintext)}\n`, 'utf8');
    const plaintext = await runCli(['ask', 'How many customers are there?', '--config', configFolder], baseEnvironment());
    expect(plaintext.code).toBe(2);
    expect(plaintext.stderr).toContain('datasources.legacy.url contains a plaintext password');
    expectNoSecret(allOutput(plaintext), 'a refused plaintext password');
  });

  it('Slack tokens from a secret that Slack refuses', async ({ expect }) => {
    slack.failNext('auth.test', { error: 'invalid_auth' });
    const run = await runCli(
      ['serve', '--database-url', 'secret://aws/redaction/right#url', '--semantic', 'configs/semantic/sample.yaml'],
      baseEnvironment({ SLACK_BOT_TOKEN: 'secret://aws/redaction/slack#botToken', SLACK_SIGNING_SECRET: 'secret://aws/redaction/slack#signingSecret', SLACK_API_URL: slack.apiUrl, PORT: '0', SQL_EVAL_HOME: path.join(folder, 'slack-refused') }),
    );
    expect(run.code).not.toBe(0);
    expectNoSecret(allOutput(run), 'serve with a refused Slack token');
  });
});

describe('failure paths in chat', { timeout: 180_000 }, () => {
  it('a database that starts refusing the password mid-conversation: the Slack replies, logs and output hold no secret', async () => {
    const home = path.join(folder, 'serve');
    await mkdir(home, { recursive: true });
    const serve = await startServe(['--database-url', 'secret://aws/redaction/right#url', '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'], {
        ...process.env,
        ...baseEnvironment({ SLACK_BOT_TOKEN: 'secret://aws/redaction/slack#botToken', SLACK_SIGNING_SECRET: 'secret://aws/redaction/slack#signingSecret', SLACK_API_URL: slack.apiUrl, PORT: '0', SQL_EVAL_HOME: home, OPENAI_API_KEY: undefined }),
      });
    const { url } = serve;
    const repliedTo = (ts: string) => slack.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts), 30_000);
    try {
      const first = messageTs();
      expect((await sendEvent(url, mention('How many orders are there?', { ts: first }))).status).toBe(200);
      await repliedTo(first);

      // The password changes in PostgreSQL but not in the secret store; the bot's sessions end.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        await admin.query(`ALTER ROLE ${ROLE} PASSWORD ${admin.escapeLiteral(`${SECRETS.wrongPassword}-changed`)}`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [ROLE]);
      } finally {
        await admin.end();
      }
      const second = messageTs();
      expect((await sendEvent(url, mention('How many customers are there?', { ts: second }))).status).toBe(200);
      const replies = await repliedTo(second);
      const failure = replies.filter((call) => call.method === 'chat.postMessage' && call.params.thread_ts === second).map((call) => JSON.stringify(call.params));
      if (checksPasswords) expect(failure.join('\n')).toMatch(/unavailable|cannot be reached/i);
    } finally {
      await serve.stop();
    }
    const { stdout, stderr } = serve.output();
    expectNoSecret(stdout + stderr, 'serve output and logs');
    // The bot token goes to Slack with every call (its `token` parameter): that one place is where it belongs.
    const sent = slack.calls.map(({ params: { token: _token, ...params }, ...call }) => ({ ...call, params }));
    expect(sent.some((call) => call.method === 'chat.postMessage')).toBe(true);
    expectNoSecret(JSON.stringify(sent), 'the calls Slack received');
  });
});
