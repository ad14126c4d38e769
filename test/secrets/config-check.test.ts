import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAwsSecretsManager, type FakeAwsSecretsManager } from '../fixtures/fake-aws-secrets-manager.ts';
import { startFakeAzureKeyVault, type FakeAzureKeyVault } from '../fixtures/fake-azure-key-vault.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * `sql-eval config check` as an operator runs it, with AWS and Azure configured only through the environment (the
 * Key Vault's self-signed certificate trusted through NODE_EXTRA_CA_CERTS, its token from a local managed-identity
 * endpoint): every file validated, every reference resolved, no value printed.
 */

const SECRET_VALUES = {
  warehouseUrl: 'postgres://reader:Warehouse-Pw-71c3@db.internal:5432/shop',
  hrPassword: 'Hr-Pw-from-vault-9d2e',
  openAiKey: 'test-openai-key-5b8f',
  slackToken: 'xoxb-test-slack-config-check',
  stateUrl: 'postgres://state:State-Pw-4e1d@state.internal:5432/sqleval',
  plaintext: 'Plaintext-Pw-8c0b',
};

let aws: FakeAwsSecretsManager;
let vault: FakeAzureKeyVault;
let folder: string;

function environment(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test-access-key-id',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AZURE_KEYVAULT_URL_TEMPLATE: vault.urlTemplate,
    AZURE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: 'true',
    NODE_EXTRA_CA_CERTS: vault.certificateFile,
    IDENTITY_ENDPOINT: vault.identityEndpoint,
    IDENTITY_HEADER: vault.identityHeader,
    OPENAI_API_KEY: 'secret://aws/openai#apiKey',
    SLACK_BOT_TOKEN: 'secret://azure/sample-vault/slack-bot-token',
    STATE_STORE_URL_VALUE: SECRET_VALUES.stateUrl,
    STATE_DATABASE_URL: 'secret://env/STATE_STORE_URL_VALUE',
    ...extra,
  };
}

async function writeConfig(name: string, files: Record<string, string>): Promise<string> {
  const configFolder = path.join(folder, name);
  await rm(configFolder, { recursive: true, force: true });
  await import('node:fs/promises').then(({ mkdir }) => mkdir(configFolder, { recursive: true }));
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(configFolder, file), text, 'utf8');
  return configFolder;
}

const goodDatasources = `default: warehouse
datasources:
  warehouse:
    kind: postgres
    url: secret://aws/prod/warehouse#url
  hr:
    kind: postgres
    url: postgres://hr_reader@hr.internal:5432/hr
    password: secret://azure/sample-vault/hr-password
`;

function expectNoValue(output: string): void {
  for (const value of Object.values(SECRET_VALUES)) expect(output).not.toContain(value);
  expect(output).not.toContain('Warehouse-Pw');
}

beforeAll(async () => {
  aws = await startFakeAwsSecretsManager();
  vault = await startFakeAzureKeyVault();
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-config-check-'));
  aws.put('prod/warehouse', JSON.stringify({ url: SECRET_VALUES.warehouseUrl }));
  aws.put('openai', JSON.stringify({ apiKey: SECRET_VALUES.openAiKey }));
  vault.put('sample-vault', 'hr-password', SECRET_VALUES.hrPassword);
  vault.put('sample-vault', 'slack-bot-token', SECRET_VALUES.slackToken);
});

afterAll(async () => {
  await aws?.close();
  await vault?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('sql-eval config check', { timeout: 120_000 }, () => {
  it('validates the files and resolves AWS, Azure and env references in files and environment, printing no value (exit 0)', async () => {
    const config = await writeConfig('good', { 'datasources.yaml': goodDatasources, 'policies.yaml': 'limits:\n  maxRows: 500\n' });
    const run = await runCli(['config', 'check', '--config', config], environment());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain(`ok       ${config}/policies.yaml`);
    expect(lines).toContain(`ok       ${config}/datasources.yaml`);
    expect(lines).toContain(`ok       ${config}/datasources.yaml: datasources.warehouse: resolved secret://aws/prod/warehouse#url`);
    expect(lines).toContain(`ok       ${config}/datasources.yaml: datasources.hr: resolved secret://azure/sample-vault/hr-password`);
    expect(lines).toContain('ok       environment: OPENAI_API_KEY: resolved secret://aws/openai#apiKey');
    expect(lines).toContain('ok       environment: SLACK_BOT_TOKEN: resolved secret://azure/sample-vault/slack-bot-token');
    expect(lines).toContain('ok       environment: STATE_DATABASE_URL: resolved secret://env/STATE_STORE_URL_VALUE');
    expect(lines.at(-1)).toBe('Configuration is valid.');
    expectNoValue(run.stdout);
  });

  it('lists every problem on one line naming the file (or environment) and the key, and exits 2', async () => {
    const config = await writeConfig('broken', {
      'policies.yaml': 'limits:\n  maxRowz: 5\n',
      'tenants.yaml': 'tenants: [',
      'datasources.yaml': `default: warehouse
datasources:
  warehouse:
    kind: postgres
    url: secret://aws/prod/missing#url
  hr:
    kind: postgres
    url: postgres://hr_reader@hr.internal:5432/hr
    password: secret://azure/sample-vault/no-such-secret
  legacy:
    kind: postgres
    url: postgres://legacy:${SECRET_VALUES.plaintext}@legacy.internal:5432/old
  wrongkey:
    kind: postgres
    url: secret://aws/openai#url
`,
    });
    const run = await runCli(['config', 'check', '--config', config], environment({ OPENAI_API_KEY: 'secret://env/UNSET_VARIABLE', DATABASE_URL: 'secret://aws/openai#apiKey' }));
    expect(run.code).toBe(2);
    const problems = run.stdout.split('\n').filter((line) => line.startsWith('problem'));
    const expected = [
      `${config}/policies.yaml: limits: Unrecognized key: "maxRowz"`,
      `${config}/tenants.yaml: not valid YAML`,
      `${config}/datasources.yaml: datasources.warehouse.url: could not resolve secret://aws/prod/missing#url: AWS Secrets Manager has no such secret (ResourceNotFoundException)`,
      `${config}/datasources.yaml: datasources.hr.password: could not resolve secret://azure/sample-vault/no-such-secret: Azure Key Vault has no such secret (SecretNotFound)`,
      `${config}/datasources.yaml: datasources.legacy.url contains a plaintext password; write a reference instead: url: secret://env/LEGACY_DATABASE_URL`,
      `${config}/datasources.yaml: datasources.wrongkey.url: could not resolve secret://aws/openai#url: the JSON secret has no key "url".`,
      'environment: OPENAI_API_KEY: could not resolve secret://env/UNSET_VARIABLE: the environment variable UNSET_VARIABLE is not set.',
      'environment: DATABASE_URL: not a PostgreSQL connection URL',
    ];
    for (const start of expected) expect(problems.some((line) => line.startsWith(`problem  ${start}`)), start).toBe(true);
    expect(problems, problems.join("\n")).toHaveLength(expected.length);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(`${expected.length} problems.`);
    expectNoValue(run.stdout + run.stderr);
  });

  it('allows a plaintext password with NODE_ENV=development, and reports as JSON', async () => {
    const config = await writeConfig('development', {
      'datasources.yaml': `default: local\ndatasources:\n  local:\n    kind: postgres\n    url: postgres://me:${SECRET_VALUES.plaintext}@127.0.0.1:5432/dev\n`,
    });
    const run = await runCli(['config', 'check', '--config', config, '--json'], environment({ NODE_ENV: 'development' }));
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { status: string; message: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks).toContainEqual({ status: 'ok', message: `${config}/datasources.yaml: datasources.local: connection URL` });
    expectNoValue(run.stdout);
  });
});
