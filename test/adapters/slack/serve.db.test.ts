import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../fixtures/fake-slack-api.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { runCli } from '../../support/run-cli.ts';
import { mention, messageTs, sendEvent, SIGNING_SECRET } from './slack-harness.ts';

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
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/main.ts', 'serve', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'], {
      env: { ...process.env, OPENAI_API_KEY: undefined, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: slack.apiUrl, PORT: '0', SQL_EVAL_HOME: home, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Listening on port (\d+)/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ts = messageTs();
      expect((await sendEvent(url, mention('How many orders are there?', { ts }))).status).toBe(200);
      await slack.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts), 30_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/xoxb-test|test-signing-secret/);
  });
});
