import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, sqlOnlyRuntime, type Runtime } from '../../src/compose/open-runtime.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The runtime's pool holds as many connections as resilience.maxConcurrentQueries lets statements run at once. */

let database: TestDatabase;
let folder: string;
let runtime: Runtime | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-pool-'));
});

afterAll(async () => {
  await runtime?.close();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('the datasource pool', () => {
  it('runs maxConcurrentQueries slow statements at once, each on its own connection', async () => {
    const policies = path.join(folder, 'policies.yaml');
    await writeFile(policies, 'resilience:\n  maxConcurrentQueries: 12\n', 'utf8');
    runtime = await openRuntime(
      { databaseUrl: database.url, datasource: 'sample', policies, config: folder, today: '2025-07-01' },
      { ...process.env, SQL_EVAL_HOME: folder, LOG_LEVEL: 'silent', OPENAI_API_KEY: '' },
      sqlOnlyRuntime,
    );
    const open = runtime;
    const results = await Promise.all(
      Array.from({ length: 12 }, () => open.datasource.run('SELECT pg_backend_pid() AS pid, pg_sleep(0.3) IS NULL AS slept', { maxRows: 1, statementTimeoutMs: 10_000 })),
    );
    expect(new Set(results.map((result) => result.rows[0]?.[0])).size).toBe(12);
  }, 60_000);
});
