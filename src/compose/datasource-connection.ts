import type { DatasourceConfig } from '../config/datasources.ts';
import { isSecretReference } from '../config/resolve-secret.ts';
import { SecretError } from '../ports/secret-store.ts';
import type { ConnectionStringSource } from '../providers/postgres/create-postgres-datasource.ts';
import type { SecretResolver } from '../providers/secrets/create-secret-resolver.ts';

/**
 * The connection string of a `postgres` datasource, from its `url` and optional `password`, each of which may be a
 * `secret://` reference; resolved through the cache, and fetched again (`refresh`) after the server rejected them.
 * `keyName` names the setting in errors: `datasources.<name>` for a configured datasource, `--database-url` for the flag.
 */
export function datasourceConnection(config: Extract<DatasourceConfig, { kind: 'postgres' }>, keyName: string, secrets: SecretResolver): ConnectionStringSource {
  const urlKey = keyName.startsWith('datasources.') ? `${keyName}.url` : keyName;
  return async ({ refresh }) => {
    const url = await secrets.resolve(config.url, urlKey, { fresh: refresh });
    const parsed = parsePostgresUrl(url);
    if (!parsed) {
      const origin = isSecretReference(config.url) ? `the secret ${config.url.trim()}` : 'the value';
      // The value is not repeated, nor kept as a cause: URL parsing errors carry their input.
      throw new SecretError(`${urlKey}: ${origin} is not a PostgreSQL connection URL (postgres://user:password@host:5432/database).`);
    }
    if (config.password === undefined) return url;
    parsed.password = encodeURIComponent(await secrets.resolve(config.password, `${keyName}.password`, { fresh: refresh }));
    return parsed.toString();
  };
}

function parsePostgresUrl(value: string): URL | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'postgres:' || url.protocol === 'postgresql:' ? url : undefined;
}
