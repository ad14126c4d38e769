import { pino, type Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';

export type { Logger } from 'pino';

/**
 * One JSON line per event on stderr (stdout is the CLI's answer). `LOG_LEVEL` sets the level (default `info`).
 * Errors keep their stack here and only here: replies show a request id instead.
 */
export function createLogger(environment: NodeJS.ProcessEnv): Logger {
  const level = environment.LOG_LEVEL?.trim() || 'info';
  if (!(level in pino.levels.values) && level !== 'silent') {
    throw new ConfigError(`LOG_LEVEL must be one of ${Object.keys(pino.levels.values).join(', ')} or silent.`);
  }
  return pino({ level, base: { service: 'sql-eval' } }, pino.destination({ dest: 2, sync: true }));
}
