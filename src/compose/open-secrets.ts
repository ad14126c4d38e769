import { z } from 'zod';
import { ConfigError, describeIssues } from '../config/config-error.ts';
import { isSecretReference } from '../config/resolve-secret.ts';
import { createAwsSecretStore } from '../providers/aws-secrets-manager/aws-secret-store.ts';
import { createAzureSecretStore } from '../providers/azure-key-vault/azure-secret-store.ts';
import { createEnvSecretStore } from '../providers/env/env-secret-store.ts';
import { createSecretResolver, type SecretResolver } from '../providers/secrets/create-secret-resolver.ts';

export type { SecretResolver } from '../providers/secrets/create-secret-resolver.ts';

/**
 * The secret stores behind `secret://` references, with their settings from the environment:
 * - `secret://env/VAR`: the variable VAR.
 * - `secret://aws/<secret-id>#<json-key>`: AWS Secrets Manager. `AWS_REGION` (or `AWS_DEFAULT_REGION`),
 *   `AWS_ENDPOINT_URL_SECRETS_MANAGER` (or `AWS_ENDPOINT_URL`) and `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/
 *   `AWS_SESSION_TOKEN` when set here; otherwise the SDK's own chain (profiles, container and instance roles).
 * - `secret://azure/<vault-name>/<secret-name>`: Azure Key Vault with DefaultAzureCredential.
 *   `AZURE_KEYVAULT_URL_TEMPLATE` (default `https://{vault}.vault.azure.net`) for another cloud or a local endpoint;
 *   `AZURE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=true` for an emulator on another host name.
 * `SECRET_CACHE_TTL_SECONDS` (default 300): how long a fetched secret is used before it is fetched again.
 */

const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankAsAbsent, z.string().trim().optional());

const secretsEnvironmentSchema = z.object({
  SECRET_CACHE_TTL_SECONDS: z.preprocess(
    blankAsAbsent,
    z.coerce.number<string>({ error: 'must be a number of seconds, such as 300' }).int('must be a whole number of seconds').min(0, 'must be 0 or more').default(300),
  ),
  AWS_REGION: optionalText,
  AWS_DEFAULT_REGION: optionalText,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: z.preprocess(blankAsAbsent, z.url({ error: 'must be a URL such as https://secretsmanager.eu-west-1.amazonaws.com' }).optional()),
  AWS_ENDPOINT_URL: z.preprocess(blankAsAbsent, z.url({ error: 'must be a URL' }).optional()),
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
  AZURE_KEYVAULT_URL_TEMPLATE: z.preprocess(
    blankAsAbsent,
    z
      .url({ protocol: /^https$/, error: 'must be an https URL such as https://{vault}.vault.azure.net (Key Vault is only reached over HTTPS)' })
      .optional(),
  ),
  AZURE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: z.preprocess(blankAsAbsent, z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
});

export function openSecrets(environment: NodeJS.ProcessEnv): SecretResolver {
  const parsed = secretsEnvironmentSchema.safeParse(environment);
  if (!parsed.success) throw new ConfigError(describeIssues('environment', parsed.error));
  const settings = parsed.data;
  const region = settings.AWS_REGION ?? settings.AWS_DEFAULT_REGION;
  const endpoint = settings.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? settings.AWS_ENDPOINT_URL;
  const credentials =
    settings.AWS_ACCESS_KEY_ID && settings.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: settings.AWS_ACCESS_KEY_ID, secretAccessKey: settings.AWS_SECRET_ACCESS_KEY, sessionToken: settings.AWS_SESSION_TOKEN }
      : undefined;
  return createSecretResolver({
    ttlMs: settings.SECRET_CACHE_TTL_SECONDS * 1000,
    stores: [
      createEnvSecretStore(environment),
      createAwsSecretStore({
        ...(region ? { region } : {}),
        ...(endpoint ? { endpoint } : {}),
        ...(credentials ? { credentials } : {}),
        // A store that does not answer must not hold start-up (or a reconnect) for long.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
      }),
      createAzureSecretStore({
        urlTemplate: settings.AZURE_KEYVAULT_URL_TEMPLATE,
        verifyChallengeResource: settings.AZURE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION !== 'true',
      }),
    ],
  });
}

/**
 * A copy of `environment` in which each variable holding a `secret://` reference (all of them, or those `names`)
 * holds the secret instead: for settings read once at start-up, such as chat tokens.
 */
export async function resolveSecretVariables(environment: NodeJS.ProcessEnv, secrets: SecretResolver, names?: readonly string[]): Promise<NodeJS.ProcessEnv> {
  const resolved: NodeJS.ProcessEnv = { ...environment };
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined || !isSecretReference(value) || (names && !names.includes(name))) continue;
    resolved[name] = await secrets.resolve(value, name);
  }
  return resolved;
}
