import { SecretError, type SecretStore } from '../ports/secret-store.ts';

/**
 * `secret://<scheme>/<path>[#<json-key>]` references: `secret://env/VAR`, `secret://aws/<secret-id>#<json-key>`,
 * `secret://azure/<vault-name>/<secret-name>`. The optional `#key` reads one string from a secret holding a JSON
 * object (AWS's usual `{"username": …, "password": …}`), for any scheme.
 */

export interface SecretReference {
  scheme: string;
  /** What follows `secret://<scheme>/`, without the `#key`. */
  path: string;
  jsonKey: string | undefined;
  /** The reference as written (safe to show: it names where the secret is, not what it is). */
  text: string;
}

const referencePattern = /^secret:\/\/([a-z0-9-]+)\/([^#]+)(?:#(.+))?$/;

export function isSecretReference(value: string): boolean {
  return value.trim().startsWith('secret://');
}

/** The parsed reference; `undefined` for a plain value; a SecretError for a malformed `secret://` value. */
export function parseSecretReference(value: string, keyName: string): SecretReference | undefined {
  const text = value.trim();
  if (!isSecretReference(text)) return undefined;
  const match = referencePattern.exec(text);
  if (!match) {
    throw new SecretError(
      `${keyName}: "${text}" is not a secret reference; write secret://env/VAR, secret://aws/<secret-id>#<json-key> or secret://azure/<vault-name>/<secret-name>.`,
    );
  }
  const [, scheme, path, jsonKey] = match as unknown as [string, string, string, string | undefined];
  return { scheme, path, jsonKey, text };
}

/** Reads `key` from a secret holding a JSON object. Errors never quote the secret (JSON.parse's own message would). */
export function pickJsonKey(secret: string, key: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new SecretError(`the secret is not a JSON object, so #${key} cannot be read from it (remove #${key} to use the whole value).`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SecretError(`the secret is not a JSON object, so #${key} cannot be read from it (remove #${key} to use the whole value).`);
  }
  if (!Object.hasOwn(parsed, key)) throw new SecretError(`the JSON secret has no key "${key}".`);
  const picked = (parsed as Record<string, unknown>)[key];
  if (typeof picked === 'string') return picked;
  if (typeof picked === 'number' || typeof picked === 'boolean') return String(picked);
  throw new SecretError(`the JSON secret's "${key}" is not a string.`);
}

/**
 * Resolves a value that may be a reference, uncached; plain values pass through. Errors name `keyName` and the
 * reference. (The runtime resolves through a cache: see providers/secrets/create-secret-resolver.ts.)
 */
export async function resolveSecret(value: string, stores: readonly SecretStore[], keyName: string): Promise<string> {
  const reference = parseSecretReference(value, keyName);
  if (!reference) return value;
  const store = storeFor(reference, stores, keyName);
  try {
    const secret = await store.resolve(reference.path);
    return reference.jsonKey === undefined ? secret : pickJsonKey(secret, reference.jsonKey);
  } catch (error) {
    throw describeFailure(error, reference, keyName);
  }
}

export function storeFor(reference: SecretReference, stores: readonly SecretStore[], keyName: string): SecretStore {
  const store = stores.find((candidate) => candidate.scheme === reference.scheme);
  if (store) return store;
  const known = stores.map((candidate) => `secret://${candidate.scheme}/…`).join(', ');
  throw new SecretError(`${keyName}: ${reference.text}: unknown secret store "${reference.scheme}" (supported: ${known}).`);
}

/** `keyName: reference: reason`. Only a SecretError's message is repeated; anything else is named by its class. */
export function describeFailure(error: unknown, reference: SecretReference, keyName: string): SecretError {
  const reason = error instanceof SecretError ? error.message : `unexpected ${error instanceof Error ? error.name : typeof error}`;
  return new SecretError(`${keyName}: could not resolve ${reference.text}: ${reason}`, { cause: error instanceof SecretError ? error.cause : undefined });
}
