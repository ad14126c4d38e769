/** The logging the adapter needs: pino's shape (an object, then a message), so the composition can pass its logger. */
export interface TeamsLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** The Teams SDK's logger interface (`ILogger`) over ours: the SDK's own messages go to the same JSON log, warnings and up. */
export interface SdkLogger {
  debug(...parts: unknown[]): void;
  info(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
  trace(...parts: unknown[]): void;
  log(level: Level, ...parts: unknown[]): void;
  child(name: string): SdkLogger;
}

export function sdkLogger(logger: TeamsLogger, name = 'teams-sdk'): SdkLogger {
  // The SDK logs whole activities at debug and info: only its warnings and errors are kept, without payloads.
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : '')).filter((part) => part !== '').join(' ');
  const self: SdkLogger = {
    debug: () => {},
    info: () => {},
    trace: () => {},
    warn: (...parts) => logger.warn({ source: name }, text(parts)),
    error: (...parts) => logger.error({ source: name }, text(parts)),
    log: (level, ...parts) => {
      if (level === 'warn' || level === 'error') self[level](...parts);
    },
    child: (child) => sdkLogger(logger, `${name}/${child}`),
  };
  return self;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: TeamsLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
