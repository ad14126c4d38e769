import { describe, expect, it } from 'vitest';
import { globalOptionsSchema } from '../../src/cli/global-options.ts';
import { runCli } from '../support/run-cli.ts';

/** Flag errors exit 2 with one line naming the flag, before anything connects. */

function messagesFor(flags: Record<string, unknown>): string[] | 'ok' {
  const parsed = globalOptionsSchema.safeParse(flags);
  return parsed.success ? 'ok' : parsed.error.issues.map((issue) => issue.message);
}

describe('--database-url', () => {
  it.each(['postgres://reader@db.internal:5432/shop', 'postgresql://reader:secret@localhost/shop', 'postgresql:///shop?host=/var/run/postgresql', 'secret://env/DATABASE_URL'])(
    'accepts %s',
    (databaseUrl) => {
      expect(messagesFor({ databaseUrl })).toBe('ok');
    },
  );

  it.each(['notaurl', 'mysql://db/shop', 'postgres://', 'db.internal:5432/shop'])('refuses %s, naming the flag and the forms it takes', (databaseUrl) => {
    expect(messagesFor({ databaseUrl })).toEqual([
      '--database-url must be a postgres:// or postgresql:// URL (postgres://user@host:5432/database) or a secret reference such as secret://env/DATABASE_URL',
    ]);
  });

  const expectUsageError = (run: { code: number | null; stderr: string }) => {
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^sql-eval: --database-url must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it('exits 2 with that message, without a stack trace', async () => {
    expectUsageError(await runCli(['ask', 'How many orders?', '--database-url', 'notaurl']));
  });

  it('is checked the same way by semantic init', async () => {
    expectUsageError(await runCli(['semantic', 'init', '--database-url', 'notaurl']));
  });

  it('is checked by sample-db load, which connects as given and so takes no secret reference', async () => {
    const run = await runCli(['sample-db', 'load', '--database-url', 'secret://env/DATABASE_URL']);
    expectUsageError(run);
    expect(run.stderr).not.toContain('secret reference');
  });

  it('passes a secret reference on to be resolved', async () => {
    const run = await runCli(['check', '--sql', 'SELECT 1', '--database-url', 'secret://env/SQL_EVAL_TEST_UNSET_URL'], { SQL_EVAL_TEST_UNSET_URL: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SQL_EVAL_TEST_UNSET_URL');
    expect(run.stderr).not.toContain('--database-url must be');
  });
});

describe('--today', () => {
  it.each([
    ['0000-01-01', '--today must be between 1900-01-01 and 2999-12-31'],
    ['1899-12-31', '--today must be between 1900-01-01 and 2999-12-31'],
    ['3000-01-01', '--today must be between 1900-01-01 and 2999-12-31'],
    ['2024-02-30', '--today is not a real date'],
    ['yesterday', '--today must be a date as YYYY-MM-DD'],
  ])('refuses %s with one message', (today, message) => {
    expect(messagesFor({ today })).toEqual([message]);
  });

  it.each(['1900-01-01', '2024-02-29', '2999-12-31'])('accepts %s', (today) => {
    expect(messagesFor({ today })).toBe('ok');
  });

  it('exits 2 naming the range', async () => {
    const run = await runCli(['ask', 'How many orders?', '--today', '0000-01-01']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('sql-eval: --today must be between 1900-01-01 and 2999-12-31\n');
  });
});
