import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/compose/logger.ts';

/** The runtime's logger censors credential fields by path, wherever they sit in a logged object. */
describe('log redaction', () => {
  it('censors passwords, tokens, keys and URLs one and two levels deep, and keeps the rest', () => {
    const lines: string[] = [];
    const logger = createLogger({ LOG_LEVEL: 'info' }, { write: (line: string) => void lines.push(line) });
    logger.info({ password: 'p1', datasource: { url: 'postgres://u:p2@h/db', name: 'sample' }, slack: { settings: { botToken: 'xoxb-3' } }, apiKey: 'sk-4', requestId: 'r-1' }, 'starting');
    const text = lines.join('');
    expect(text).not.toMatch(/p1|p2@|xoxb-3|sk-4/);
    expect(JSON.parse(text)).toMatchObject({ password: '[redacted]', datasource: { url: '[redacted]', name: 'sample' }, slack: { settings: { botToken: '[redacted]' } }, requestId: 'r-1', msg: 'starting' });
  });

  it('refuses an unknown LOG_LEVEL, naming the variable', () => {
    expect(() => createLogger({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of/);
  });
});
