import { SecretError, type SecretStore } from '../ports/secret-store.ts';

/** Resolves a value that may be a `secret://<scheme>/<path>` reference; plain values pass through. */
export async function resolveSecret(value: string, stores: SecretStore[], keyName: string): Promise<string> {
  const match = /^secret:\/\/([a-z0-9-]+)\/(.+)$/.exec(value);
  if (!match) return value;
  const [, scheme, path] = match as unknown as [string, string, string];
  const store = stores.find((candidate) => candidate.scheme === scheme);
  if (!store) {
    const known = stores.map((candidate) => `secret://${candidate.scheme}/…`).join(', ');
    throw new SecretError(`${keyName}: secret references of the form secret://${scheme}/… are not supported in this version (supported: ${known}).`);
  }
  return store.resolve(path);
}
