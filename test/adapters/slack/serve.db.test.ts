import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../fixtures/fake-slack-api.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { runCli } from '../../support/run-cli.ts';
import { mention, messageTs, sendEvent, SIGNING_SECRET } from './slack-harness.ts';
import { startServe } from '../../support/serve-process.ts';

/** `sql-eval serve` as an operator runs it: environment variables in, one port out, SIGTERM to stop. */

let database: TestDatabase;
let slack: FakeSlackApi;
let home: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  slack = await startFakeSlackApi();
  home = await mkdtemp(path.join(tmpdir(), 'sql-eval-serve-'));
  await chmod(home, 0o755);
});

afterAll(async () => {
  await slack.close();
  await database.drop();
  await rm(home, { recursive: true, force: true });
});

describe('sql-eval serve', () => {
  it('exits 2 naming the variables to set when no chat platform is configured', async () => {
    const run = await runCli(['serve', '--database-url', database.url], { SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: undefined, SQL_EVAL_HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
    expect(run.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('serves /healthz and Slack on one port, answers a mention, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe(['--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'], { ...process.env, OPENAI_API_KEY: undefined, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: slack.apiUrl, PORT: '0', SQL_EVAL_HOME: home, LOG_LEVEL: 'warn' });
    const { url } = serve;
    let exitCode: number | null = null;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ts = messageTs();
      expect((await sendEvent(url, mention('How many orders are there?', { ts }))).status).toBe(200);
      await slack.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts), 30_000);
    } finally {
      exitCode = await serve.stop();
    }
    expect(exitCode).toBe(0);
    expect(serve.output().stderr).not.toMatch(/xoxb-test|test-signing-secret/);
  });
});
