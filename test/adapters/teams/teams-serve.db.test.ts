import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../fixtures/fake-slack-api.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector } from '../../fixtures/fake-teams-connector.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { runCli } from '../../support/run-cli.ts';
import { mention, messageTs, sendEvent, SIGNING_SECRET } from '../slack/slack-harness.ts';
import { ASKER, personalConversation, personalMessage, postActivity } from './teams-harness.ts';
import { startServe } from '../../support/serve-process.ts';

/** `sql-eval serve` with Teams: alone or beside Slack, in one process on one port; refused without credentials. */

const noChat = { SLACK_BOT_TOKEN: undefined, SLACK_SIGNING_SECRET: undefined, SLACK_APP_TOKEN: undefined, MICROSOFT_APP_ID: undefined, MICROSOFT_APP_PASSWORD: undefined, MICROSOFT_APP_TENANT_ID: undefined, MICROSOFT_APP_TYPE: undefined };

let database: TestDatabase;
let slack: FakeSlackApi;
let teams: FakeTeamsConnector;
let home: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  slack = await startFakeSlackApi();
  teams = await startFakeTeamsConnector();
  home = await mkdtemp(path.join(tmpdir(), 'sql-eval-serve-teams-'));
  await chmod(home, 0o755);
});

afterAll(async () => {
  await slack.close();
  await teams.close();
  await database.drop();
  await rm(home, { recursive: true, force: true });
});

describe('sql-eval serve with Teams', () => {
  it('exits 2 naming both platforms\' variables when neither is configured', async () => {
    const run = await runCli(['serve', '--database-url', database.url], { ...noChat, SQL_EVAL_HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
    expect(run.stderr).toContain('MICROSOFT_APP_ID');
    expect(run.stderr).toContain('MICROSOFT_APP_PASSWORD');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start Teams with an app id but no secret (it would silently mean a managed identity)', async () => {
    const run = await runCli(['serve', '--database-url', database.url], { ...noChat, MICROSOFT_APP_ID: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', SQL_EVAL_HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MICROSOFT_APP_PASSWORD');
    expect(run.stderr).toContain('UserAssignedMSI');
  });

  it('serves Slack and Teams (--insecure-no-auth, warned about) on one port, answers both, and stops cleanly on SIGTERM', async () => {
    const serve = await startServe(['--insecure-no-auth', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'], { ...process.env, ...noChat, OPENAI_API_KEY: undefined, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', SQL_EVAL_HOME: home, LOG_LEVEL: 'warn' });
    const { url } = serve;
    let exitCode: number | null = null;
    try {
      expect(serve.output().stdout).toContain('POST /slack/events');
      expect(serve.output().stdout).toContain('POST /api/messages (Teams)');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ts = messageTs();
      expect((await sendEvent(url, mention('How many orders are there?', { ts }))).status).toBe(200);
      expect((await postActivity(url, personalMessage(teams.serviceUrl, 'How many orders are there?'))).status).toBe(200);
      await slack.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts), 30_000);
      await teams.waitFor((calls) => calls.some((call) => call.kind === 'send' && call.conversationId === personalConversation(ASKER) && JSON.stringify(call.body).includes('"type":"Table"')), 30_000);
    } finally {
      exitCode = await serve.stop();
    }
    expect(exitCode).toBe(0);
    const { stdout, stderr } = serve.output();
    expect(`${stdout}${stderr}`).toMatch(/INSECURE/);
  });
});
