import { SecretError, type SecretStore } from '../../ports/secret-store.ts';

/** `secret://env/VAR`: the value of an environment variable. */
export function createEnvSecretStore(environment: NodeJS.ProcessEnv = process.env): SecretStore {
  return {
    scheme: 'env',
    async resolve(path) {
      const value = environment[path];
      if (value === undefined || value.trim() === '') throw new SecretError(`the environment variable ${path} is not set.`);
      return value;
    },
  };
}
