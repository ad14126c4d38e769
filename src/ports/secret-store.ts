/** Resolves `secret://` references; the value never appears in logs, errors or replies. */
export interface SecretStore {
  /** The scheme this store answers for: `env` for `secret://env/VAR`. */
  readonly scheme: string;
  /** `path` is what follows `secret://<scheme>/`. */
  resolve(path: string): Promise<string>;
}

export class SecretError extends Error {
  override readonly name = 'SecretError';
}
