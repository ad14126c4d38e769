import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecrets } from '../../src/compose/open-secrets.ts';
import { startFakeAwsSecretsManager, type FakeAwsSecretsManager } from '../fixtures/fake-aws-secrets-manager.ts';

/** secret://aws/… through the real AWS SDK against a local Secrets Manager, configured as an operator would: by environment. */

let aws: FakeAwsSecretsManager;
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  aws = await startFakeAwsSecretsManager();
  environment = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test-access-key-id',
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
  };
});

afterAll(async () => {
  await aws?.close();
});

describe('AWS Secrets Manager', () => {
  it('reads a secret string, or one key of a JSON secret', async () => {
    aws.put('prod/warehouse', JSON.stringify({ username: 'reader', password: 'first-password', url: 'postgres://reader:first-password@db:5432/shop' }));
    aws.put('openai-key', 'test-openai-key-123');
    const secrets = openSecrets(environment);
    await expect(secrets.resolve('secret://aws/prod/warehouse#password', 'datasources.warehouse.password')).resolves.toBe('first-password');
    await expect(secrets.resolve('secret://aws/openai-key', 'OPENAI_API_KEY')).resolves.toBe('test-openai-key-123');
    expect(aws.requests).toEqual(['prod/warehouse', 'openai-key']);
  });

  it('gives the rotated value when asked for a fresh one, the cached one otherwise', async () => {
    aws.put('rotating', 'one');
    const secrets = openSecrets(environment);
    await expect(secrets.resolve('secret://aws/rotating', 'k')).resolves.toBe('one');
    aws.put('rotating', 'two');
    await expect(secrets.resolve('secret://aws/rotating', 'k')).resolves.toBe('one');
    await expect(secrets.resolve('secret://aws/rotating', 'k', { fresh: true })).resolves.toBe('two');
  });

  it('names the reference and the reason when a secret is missing or denied', async () => {
    const secrets = openSecrets(environment);
    await expect(secrets.resolve('secret://aws/prod/missing#password', 'datasources.hr.password')).rejects.toThrow(
      'datasources.hr.password: could not resolve secret://aws/prod/missing#password: AWS Secrets Manager has no such secret (ResourceNotFoundException)',
    );
    aws.put('denied', 'value-never-shown');
    aws.denyAll(true);
    try {
      await expect(secrets.resolve('secret://aws/denied', 'SLACK_BOT_TOKEN')).rejects.toThrow(/SLACK_BOT_TOKEN: could not resolve secret:\/\/aws\/denied: access denied \(AccessDeniedException\)/);
    } finally {
      aws.denyAll(false);
    }
  });

  it('says the endpoint cannot be reached', async () => {
    const closed = await startFakeAwsSecretsManager();
    await closed.close();
    const secrets = openSecrets({ ...environment, AWS_ENDPOINT_URL_SECRETS_MANAGER: closed.endpoint });
    await expect(secrets.resolve('secret://aws/anything', 'k')).rejects.toThrow(/k: could not resolve secret:\/\/aws\/anything: AWS Secrets Manager cannot be reached \(ECONNREFUSED\)/);
  });

  it('refuses a malformed endpoint setting, naming the variable', () => {
    expect(() => openSecrets({ AWS_ENDPOINT_URL_SECRETS_MANAGER: 'not a url' })).toThrow(/environment: AWS_ENDPOINT_URL_SECRETS_MANAGER: must be a URL/);
    expect(() => openSecrets({ SECRET_CACHE_TTL_SECONDS: 'soon' })).toThrow(/SECRET_CACHE_TTL_SECONDS: must be a number of seconds/);
  });
});
