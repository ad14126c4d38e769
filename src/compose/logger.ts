import { pino, type DestinationStream, type Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';

export type { Logger } from 'pino';

/**
 * One JSON line per event on stderr (stdout is the CLI's answer). `LOG_LEVEL` sets the level (default `info`).
 * Errors keep their stack here and only here: replies show a request id instead. Fields that hold credentials are
 * redacted by path wherever they appear in a logged object (two levels deep).
 */
const secretFields = ['password', 'apiKey', 'api_key', 'token', 'botToken', 'appToken', 'signingSecret', 'clientSecret', 'secret', 'authorization', 'connectionString', 'databaseUrl', 'url'];
const redactedPaths = [...secretFields, ...secretFields.map((field) => `*.${field}`), ...secretFields.map((field) => `*.*.${field}`)];

export function createLogger(environment: NodeJS.ProcessEnv, destination: DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  const level = environment.LOG_LEVEL?.trim() || 'info';
  if (!(level in pino.levels.values) && level !== 'silent') {
    throw new ConfigError(`LOG_LEVEL must be one of ${Object.keys(pino.levels.values).join(', ')} or silent.`);
  }
  return pino({ level, base: { service: 'sql-eval' }, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
