/**
 * Fetches secrets named by `secret://<scheme>/<path>` references (`secret://env/VAR`, `secret://aws/<secret-id>`,
 * `secret://azure/<vault>/<secret>`). A value never appears in logs, errors or replies: errors name the reference.
 */
export interface SecretStore {
  /** The scheme this store answers for: `env` for `secret://env/VAR`. */
  readonly scheme: string;
  /** `path` is what follows `secret://<scheme>/`, without a `#json-key`. Fetches the secret every time it is called. */
  resolve(path: string): Promise<string>;
}

/**
 * A reference that cannot be resolved, or a value that is not usable. The message names the setting and the reference,
 * never the value; a store's own error stays as `cause` only when it cannot contain the value.
 */
export class SecretError extends Error {
  override readonly name = 'SecretError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
