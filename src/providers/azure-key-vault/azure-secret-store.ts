import type { TokenCredential } from '@azure/identity';
import type { SecretClient, SecretClientOptions } from '@azure/keyvault-secrets';
import { SecretError, type SecretStore } from '../../ports/secret-store.ts';

/**
 * `secret://azure/<vault-name>/<secret-name>[/<version>]`: a secret's value from Azure Key Vault. The vault's URL is
 * `urlTemplate` with `{vault}` replaced; the credential defaults to `DefaultAzureCredential` (environment, workload
 * identity, managed identity, Azure CLI…). The SDKs are loaded on the first fetch.
 */
export interface AzureSecretStoreOptions {
  /** Default `https://{vault}.vault.azure.net`; another cloud's domain (`https://{vault}.vault.azure.cn`) or an emulator. */
  urlTemplate?: string | undefined;
  credential?: TokenCredential | undefined;
  /**
   * Whether the vault's authentication challenge must name a resource whose domain the vault URL ends with (the SDK's
   * protection against sending a token to the wrong host). Default true; false only for an emulator on another host name.
   */
  verifyChallengeResource?: boolean | undefined;
  /** Passed to every SecretClient: retries, proxy, TLS. */
  clientOptions?: SecretClientOptions | undefined;
}

export const DEFAULT_KEY_VAULT_URL_TEMPLATE = 'https://{vault}.vault.azure.net';

const vaultNamePattern = /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/;
const secretNamePattern = /^[a-zA-Z0-9-]{1,127}$/;
const versionPattern = /^[a-zA-Z0-9]{1,64}$/;

export function createAzureSecretStore(options: AzureSecretStoreOptions = {}): SecretStore {
  const template = options.urlTemplate ?? DEFAULT_KEY_VAULT_URL_TEMPLATE;
  const clients = new Map<string, Promise<SecretClient>>();
  let credential: Promise<TokenCredential> | undefined;

  const clientFor = (vault: string) => {
    let client = clients.get(vault);
    if (!client) {
      credential ??= options.credential
        ? Promise.resolve(options.credential)
        : import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
      const vaultUrl = template.replaceAll('{vault}', vault);
      client = Promise.all([import('@azure/keyvault-secrets'), credential]).then(
        ([{ SecretClient: Client }, resolvedCredential]) =>
          new Client(vaultUrl, resolvedCredential, { ...options.clientOptions, disableChallengeResourceVerification: options.verifyChallengeResource === false }),
      );
      clients.set(vault, client);
    }
    return client;
  };

  return {
    scheme: 'azure',
    async resolve(path) {
      const [vault = '', name = '', version, ...rest] = path.split('/');
      if (!vaultNamePattern.test(vault) || !secretNamePattern.test(name) || rest.length > 0 || (version !== undefined && !versionPattern.test(version))) {
        throw new SecretError('expected secret://azure/<vault-name>/<secret-name> (a vault name of 3–24 letters, digits and dashes; a secret name of letters, digits and dashes).');
      }
      let secret;
      try {
        secret = await (await clientFor(vault)).getSecret(name, version === undefined ? {} : { version });
      } catch (error) {
        throw new SecretError(describeAzureError(error), { cause: error });
      }
      if (secret.value === undefined) throw new SecretError('Azure Key Vault returned no value for the secret.');
      return secret.value;
    },
  };
}

/** A reason naming the error class and status, never a response body. */
function describeAzureError(error: unknown): string {
  if (!(error instanceof Error)) return 'Azure Key Vault failed.';
  const status = (error as { statusCode?: unknown }).statusCode;
  const code = (error as { code?: unknown }).code;
  switch (error.name) {
    case 'CredentialUnavailableError':
    case 'AggregateAuthenticationError':
      return 'no Azure credential is available (DefaultAzureCredential tried the environment, workload identity, managed identity and the Azure CLI): set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or run with a managed identity.';
    case 'AuthenticationError':
      return 'Microsoft Entra ID refused to issue a token for Key Vault (AuthenticationError); check the client id, secret and tenant.';
  }
  if (status === 404) return 'Azure Key Vault has no such secret (SecretNotFound); check the vault and secret names.';
  if (status === 403) return 'access denied (Forbidden): give the identity the "Key Vault Secrets User" role on the vault, or a get-secret access policy; a disabled secret is refused this way too.';
  if (status === 401) return 'Azure Key Vault refused the token (Unauthorized).';
  if (code === 'REQUEST_SEND_ERROR') return 'Azure Key Vault cannot be reached (REQUEST_SEND_ERROR); check the vault name and AZURE_KEYVAULT_URL_TEMPLATE.';
  if (/challenge resource .* does not match/i.test(error.message)) {
    return "the vault's authentication challenge names a resource outside the vault URL's domain; for an emulator set AZURE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=true.";
  }
  return `Azure Key Vault failed (${error.name}${typeof status === 'number' ? `, HTTP ${status}` : ''}).`;
}
