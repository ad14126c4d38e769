import { ConfigError } from './config-error.ts';
import type { DatasourceConfig } from './datasources.ts';
import { isSecretReference } from './resolve-secret.ts';

/**
 * Outside development (`NODE_ENV=development`), a credential written into a config file in plain text is refused: the
 * file belongs in version control, the credential in a secret store. Messages name the key and the reference to write
 * instead, never the value.
 */

export function isDevelopment(environment: NodeJS.ProcessEnv): boolean {
  return environment.NODE_ENV?.trim() === 'development';
}

export interface CredentialProblem {
  /** `plaintext`: refused outside development; `invalid`: refused always. */
  kind: 'plaintext' | 'invalid';
  /** `<file>: <key> …`, one line. */
  message: string;
}

/** The credential problems of a datasource's configuration. */
export function findCredentialProblems(file: string, name: string, config: DatasourceConfig): CredentialProblem[] {
  if (config.kind !== 'postgres') return [];
  const problems: CredentialProblem[] = [];
  const prefix = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (!isSecretReference(config.url)) {
    let password = '';
    try {
      password = new URL(config.url).password;
    } catch {
      problems.push({ kind: 'invalid', message: `${file}: datasources.${name}.url is neither a connection URL (postgres://user@host:5432/database) nor a secret:// reference.` });
    }
    if (password !== '') {
      problems.push({
        kind: 'plaintext',
        message:
          `${file}: datasources.${name}.url contains a plaintext password; write a reference instead: url: secret://env/${prefix}_DATABASE_URL (the URL in that variable), ` +
          'or the URL without its password and password: secret://aws/<secret-id>#password (or secret://azure/<vault-name>/<secret-name>). NODE_ENV=development allows it.',
      });
    }
  }
  if (config.password !== undefined && !isSecretReference(config.password)) {
    problems.push({
      kind: 'plaintext',
      message: `${file}: datasources.${name}.password is plain text; write a reference instead: password: secret://aws/<secret-id>#password, secret://azure/<vault-name>/<secret-name> or secret://env/${prefix}_DATABASE_PASSWORD. NODE_ENV=development allows it.`,
    });
  }
  return problems;
}

/** The problems that stop a start: invalid ones always, plaintext ones outside development. */
export function refusedCredentialProblems(file: string, name: string, config: DatasourceConfig, environment: NodeJS.ProcessEnv): string[] {
  return findCredentialProblems(file, name, config)
    .filter((problem) => problem.kind === 'invalid' || !isDevelopment(environment))
    .map((problem) => problem.message);
}

/** Throws a ConfigError naming every refused credential of the datasource. */
export function refusePlaintextCredentials(file: string, name: string, config: DatasourceConfig, environment: NodeJS.ProcessEnv): void {
  const refused = refusedCredentialProblems(file, name, config, environment);
  if (refused.length > 0) throw new ConfigError(refused.join('\n'));
}
