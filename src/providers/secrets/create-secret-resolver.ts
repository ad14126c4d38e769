import { describeFailure, parseSecretReference, pickJsonKey, storeFor, type SecretReference } from '../../config/resolve-secret.ts';
import { SecretError, type SecretStore } from '../../ports/secret-store.ts';

/** Resolves `secret://` references through the stores, keeping each fetched secret for a while. */
export interface SecretResolver {
  /**
   * `value` itself when it is not a reference. `keyName` names the setting in errors (`datasources.warehouse.url`).
   * `fresh: true` skips the cache: the server rejected what the cache gave (a rotated password).
   */
  resolve(value: string, keyName: string, options?: { fresh?: boolean | undefined }): Promise<string>;
}

export interface SecretResolverOptions {
  stores: readonly SecretStore[];
  /** How long a fetched secret is used before it is fetched again. */
  ttlMs: number;
  now?: (() => number) | undefined;
}

interface Entry {
  value: string;
  fetchedAt: number;
}

/** A value may itself be a reference (`DATABASE_URL=secret://aws/…` named by `secret://env/DATABASE_URL`): followed this deep. */
const MAXIMUM_DEPTH = 3;

/**
 * One cache entry per secret (scheme and path; the `#json-key`s of one secret share it). Concurrent requests for one
 * secret share one fetch. When a refetch after the time to live fails, the value fetched last is kept for another time
 * to live (a secret store outage must not take the databases with it); a `fresh` request never falls back.
 */
export function createSecretResolver(options: SecretResolverOptions): SecretResolver {
  const { stores, ttlMs } = options;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<string>>();

  const fetchSecret = async (reference: SecretReference, store: SecretStore, fresh: boolean): Promise<string> => {
    const cacheKey = `${reference.scheme}/${reference.path}`;
    const entry = cache.get(cacheKey);
    if (!fresh && entry && now() - entry.fetchedAt < ttlMs) return entry.value;
    const pending = inFlight.get(cacheKey);
    if (pending) return pending;
    const fetching = store
      .resolve(reference.path)
      .then((value) => {
        cache.set(cacheKey, { value, fetchedAt: now() });
        return value;
      })
      .catch((error: unknown) => {
        if (fresh || !entry) throw error;
        entry.fetchedAt = now();
        return entry.value;
      })
      .finally(() => inFlight.delete(cacheKey));
    inFlight.set(cacheKey, fetching);
    return fetching;
  };

  const resolveAt = async (value: string, keyName: string, fresh: boolean, depth: number): Promise<string> => {
    const reference = parseSecretReference(value, keyName);
    if (!reference) return value;
    if (depth >= MAXIMUM_DEPTH) throw new SecretError(`${keyName}: ${reference.text}: references nest deeper than ${MAXIMUM_DEPTH} levels.`);
    const store = storeFor(reference, stores, keyName);
    let resolved: string;
    try {
      const secret = await fetchSecret(reference, store, fresh);
      resolved = reference.jsonKey === undefined ? secret : pickJsonKey(secret, reference.jsonKey);
      if (resolved.trim() === '') throw new SecretError('the secret is empty.');
    } catch (error) {
      throw describeFailure(error, reference, keyName);
    }
    return resolveAt(resolved, `${keyName} (through ${reference.text})`, fresh, depth + 1);
  };

  return { resolve: (value, keyName, resolveOptions) => resolveAt(value, keyName, resolveOptions?.fresh === true, 0) };
}
