import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { SecretError, type SecretStore } from '../../ports/secret-store.ts';

/**
 * `secret://aws/<secret-id>`: a secret's current value from AWS Secrets Manager (`GetSecretValue`). The secret id is
 * its name or ARN. Region, credentials and endpoint come from `config`, and what it leaves out from the SDK's standard
 * chain (environment, shared config files, container or instance role). The SDK is loaded on the first fetch.
 */
export function createAwsSecretStore(config: SecretsManagerClientConfig = {}): SecretStore {
  let client: Promise<SecretsManagerClient> | undefined;
  const getClient = () => {
    client ??= import('@aws-sdk/client-secrets-manager').then(({ SecretsManagerClient: Client }) => new Client(config));
    return client;
  };
  return {
    scheme: 'aws',
    async resolve(secretId) {
      const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
      let output;
      try {
        output = await (await getClient()).send(new GetSecretValueCommand({ SecretId: secretId }));
      } catch (error) {
        throw new SecretError(describeAwsError(error), { cause: error });
      }
      if (output.SecretString !== undefined) return output.SecretString;
      if (output.SecretBinary !== undefined) return Buffer.from(output.SecretBinary).toString('utf8');
      throw new SecretError('AWS Secrets Manager returned no value for the secret.');
    },
  };
}

const AWS_ERRORS: Readonly<Record<string, string>> = {
  ResourceNotFoundException: 'AWS Secrets Manager has no such secret (ResourceNotFoundException); check the name or ARN and the region',
  AccessDeniedException: 'access denied (AccessDeniedException); allow secretsmanager:GetSecretValue on the secret, and kms:Decrypt on its key',
  DecryptionFailure: 'AWS Secrets Manager could not decrypt the secret with its KMS key (DecryptionFailure)',
  InvalidRequestException: 'AWS Secrets Manager refused the request (InvalidRequestException); the secret may be scheduled for deletion',
  InvalidParameterException: 'AWS Secrets Manager refused the secret id (InvalidParameterException)',
  CredentialsProviderError: 'no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an IAM role)',
  UnrecognizedClientException: 'AWS rejected the credentials (UnrecognizedClientException)',
  InvalidSignatureException: 'AWS rejected the request signature (InvalidSignatureException); check the secret access key',
  ExpiredTokenException: 'the AWS session token has expired (ExpiredTokenException)',
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A reason naming the error class, never a response body. The SDK's messages describe requests, not secret values. */
function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return 'AWS Secrets Manager failed';
  const known = AWS_ERRORS[error.name];
  if (known) return `${known}.`;
  if (/region is missing/i.test(error.message)) return 'no AWS region is set (set AWS_REGION, or a region in the AWS profile).';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return `AWS Secrets Manager cannot be reached (${code}).`;
  if (error.name === 'TimeoutError') return 'AWS Secrets Manager did not answer in time (TimeoutError).';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `AWS Secrets Manager failed (${error.name}${status === undefined ? '' : `, HTTP ${status}`}).`;
}
