import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer, sqlReply, type FakeOpenAiServer } from '../fixtures/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

/** --user, --email and --channel on the command line: entitlements and tenant budgets apply as in chat; `sql-eval budget`. */

let database: TestDatabase;
let fake: FakeOpenAiServer;
let home: string;
let config: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  fake = await startFakeOpenAiServer();
  home = await mkdtemp(join(tmpdir(), 'sql-eval-identity-'));
  config = join(home, 'configs');
  await (await import('node:fs/promises')).mkdir(config);
  await writeFile(join(config, 'tenants.yaml'), 'tenants:\n  finance:\n    channels: [slack:T1:C0FIN]\n    tokensPerDay: 100000\n');
  await writeFile(join(config, 'entitlements.yaml'), 'groups:\n  support:\n    members: [email:ana@example.com]\n    entitlements: [pii:customers.email]\n');
});

afterAll(async () => {
  await fake?.close();
  await database?.drop();
  await rm(home, { recursive: true, force: true });
});

const flags = () => ['--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01', '--config', config];
const environment = () => ({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'scripted', SQL_EVAL_HOME: home });

describe('sql-eval ask as someone, somewhere', () => {
  it('applies the e-mail’s entitlements', async () => {
    fake.setResponder(() => sqlReply('SELECT email FROM customers ORDER BY id LIMIT 1', 'first e-mail'));
    const refused = await runCli(['ask', 'the first customer e-mail', '--json', '--yes', '--lane', 'llm', ...flags()], environment());
    expect(JSON.parse(refused.stdout)).toMatchObject({ kind: 'refusal', violations: [{ rule: 'pii' }] });
    const allowed = await runCli(['ask', 'the first customer e-mail', '--json', '--yes', '--lane', 'llm', '--email', 'Ana@Example.com', ...flags()], environment());
    expect(JSON.parse(allowed.stdout)).toMatchObject({ kind: 'answer', personalData: ['customers.email'], audience: 'thread' });
  });

  it('charges the channel’s tenant, and `budget` shows it', async () => {
    fake.setResponder(() => ({ ...sqlReply('SELECT count(*) FROM products', 'count'), usage: { promptTokens: 1200, completionTokens: 34 } }));
    const asked = await runCli(['ask', 'How many products?', '--json', '--yes', '--lane', 'llm', '--user', 'slack:T1:U7', '--channel', 'slack:T1:C0FIN', ...flags()], environment());
    expect(asked.code).toBe(0);
    const budget = await runCli(['budget', '--channel', 'slack:T1:C0FIN', '--json', '--config', config], { SQL_EVAL_HOME: home });
    expect(budget.stderr).toBe('');
    const report = JSON.parse(budget.stdout);
    expect(report).toMatchObject({ tenant: 'finance', tokensPerRequest: 60000, topAskers: [{ asker: 'slack:T1:U7', tokens: 1234 }] });
    expect(report.periods[0]).toMatchObject({ period: 'day', limit: 100000, used: 1234, reserved: 0, left: 98766 });
    const text = await runCli(['budget', '--tenant', 'finance', '--config', config], { SQL_EVAL_HOME: home });
    expect(text.stdout).toContain('Token budget of finance');
    expect(text.stdout).toContain('Top askers this month: slack:T1:U7 (1,234).');
  });

  it('rejects malformed identities with exit code 2, naming the flag', async () => {
    const run = await runCli(['ask', 'x', '--user', 'ana', ...flags()], environment());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--user must be an identity such as cli:ana');
    const both = await runCli(['budget', '--tenant', 'a', '--channel', 'b'], { SQL_EVAL_HOME: home });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give --tenant or --channel, not both');
  });
});
