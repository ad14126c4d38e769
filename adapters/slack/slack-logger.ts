import { LogLevel, type Logger } from '@slack/bolt';

/** The logging the adapter needs: pino's shape (an object, then a message), so the composition can pass its logger. */
export interface SlackLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Bolt's logger interface over ours: Bolt's own messages go to the same JSON log. */
export function boltLogger(logger: SlackLogger, level: LogLevel = LogLevel.WARN): Logger {
  let current = level;
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const enabled = (at: LogLevel) => order.indexOf(at) >= order.indexOf(current);
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: (...parts: unknown[]) => enabled(LogLevel.DEBUG) && logger.debug({ source: 'bolt' }, text(parts)),
    info: (...parts: unknown[]) => enabled(LogLevel.INFO) && logger.info({ source: 'bolt' }, text(parts)),
    warn: (...parts: unknown[]) => enabled(LogLevel.WARN) && logger.warn({ source: 'bolt' }, text(parts)),
    error: (...parts: unknown[]) => enabled(LogLevel.ERROR) && logger.error({ source: 'bolt' }, text(parts)),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: () => {},
  } as Logger;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: SlackLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
