import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureSecretStore } from '../../src/providers/azure-key-vault/azure-secret-store.ts';
import { createSecretResolver } from '../../src/providers/secrets/create-secret-resolver.ts';
import { startFakeAzureKeyVault, type FakeAzureKeyVault } from '../fixtures/fake-azure-key-vault.ts';

/**
 * secret://azure/… through the real @azure/keyvault-secrets client against a local Key Vault over HTTPS (a
 * self-signed certificate made for the test), with the challenge flow. Tokens come from an injected credential, or
 * from DefaultAzureCredential through a local App Service managed-identity endpoint: no Microsoft host is contacted.
 */

let vault: FakeAzureKeyVault;

beforeAll(async () => {
  vault = await startFakeAzureKeyVault();
  vault.put('sample-vault', 'warehouse-url', 'postgres://reader:kv-password@db:5432/shop');
  vault.put('sample-vault', 'slack', JSON.stringify({ botToken: 'xoxb-from-vault', signingSecret: 'signing-from-vault' }));
});

afterAll(async () => {
  await vault?.close();
});

function injectedCredential() {
  const scopes: string[] = [];
  return {
    scopes,
    credential: {
      getToken: async (scope: string | string[]) => {
        scopes.push(...[scope].flat());
        return { token: vault.token, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    },
  };
}

function resolverWith(options: Parameters<typeof createAzureSecretStore>[0]) {
  const store = createAzureSecretStore({ urlTemplate: vault.urlTemplate, verifyChallengeResource: false, clientOptions: { tlsOptions: { ca: vault.certificate } }, ...options });
  return createSecretResolver({ stores: [store], ttlMs: 60_000 });
}

describe('Azure Key Vault', () => {
  it('answers the challenge with a token for vault.azure.net and reads the secret (and a JSON key of it)', async () => {
    const { credential, scopes } = injectedCredential();
    const secrets = resolverWith({ credential });
    await expect(secrets.resolve('secret://azure/sample-vault/warehouse-url', 'datasources.warehouse.url')).resolves.toBe('postgres://reader:kv-password@db:5432/shop');
    await expect(secrets.resolve('secret://azure/sample-vault/slack#botToken', 'SLACK_BOT_TOKEN')).resolves.toBe('xoxb-from-vault');
    expect(scopes[0]).toBe('https://vault.azure.net/.default');
    expect(vault.reads).toContain('sample-vault/warehouse-url');
  });

  it('gets its token from DefaultAzureCredential (managed identity) when none is injected', async () => {
    const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER };
    process.env.IDENTITY_ENDPOINT = vault.identityEndpoint;
    process.env.IDENTITY_HEADER = vault.identityHeader;
    try {
      const secrets = resolverWith({});
      await expect(secrets.resolve('secret://azure/sample-vault/warehouse-url', 'k')).resolves.toBe('postgres://reader:kv-password@db:5432/shop');
      expect(vault.tokenRequests).toContain('https://vault.azure.net');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('names the reference and the reason: missing, forbidden, malformed', async () => {
    const secrets = resolverWith({ credential: injectedCredential().credential });
    await expect(secrets.resolve('secret://azure/sample-vault/missing', 'OPENAI_API_KEY')).rejects.toThrow(
      'OPENAI_API_KEY: could not resolve secret://azure/sample-vault/missing: Azure Key Vault has no such secret (SecretNotFound)',
    );
    vault.put('sample-vault', 'locked', 'value-never-shown');
    vault.forbid('sample-vault', 'locked');
    await expect(secrets.resolve('secret://azure/sample-vault/locked', 'k')).rejects.toThrow(/access denied \(Forbidden\): give the identity the "Key Vault Secrets User" role/);
    await expect(secrets.resolve('secret://azure/sample_vault/x', 'k')).rejects.toThrow(/expected secret:\/\/azure\/<vault-name>\/<secret-name>/);
  });

  it("keeps the SDK's challenge check on by default, and says which setting turns it off for an emulator", async () => {
    const secrets = resolverWith({ credential: injectedCredential().credential, verifyChallengeResource: true });
    await expect(secrets.resolve('secret://azure/sample-vault/warehouse-url', 'k')).rejects.toThrow(/AZURE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=true/);
  });
});
