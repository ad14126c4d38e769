import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.ts';
import { openRuntime, type Runtime } from '../../src/compose/open-runtime.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The operations endpoints of the serve HTTP server, over a runtime opened as `serve` opens it. */

let database: TestDatabase;
let home: string;
let runtime: Runtime;
let http: HttpServer;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  home = await mkdtemp(path.join(tmpdir(), 'sql-eval-operations-'));
  runtime = await openRuntime(
    { databaseUrl: database.url, datasource: 'sample', semantic: 'configs/semantic/sample.yaml', config: 'configs', today: '2025-07-01' },
    { ...process.env, SQL_EVAL_HOME: home, LOG_LEVEL: 'silent', OPENAI_API_KEY: undefined, AUDIT_DATABASE_URL: undefined },
  );
  http = createHttpServer({ readiness: () => runtime.readiness() });
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
}, 120_000);

afterAll(async () => {
  await http?.close(0);
  await runtime?.close();
  await database?.drop();
  await rm(home, { recursive: true, force: true });
});

describe('GET /readyz', () => {
  it('answers 200 when the datasource, the state store and the audit store answer', async () => {
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { datasource: 'ok', state: 'ok', audit: 'ok' } });
  });

  it('answers 503 naming the datasource once the database is gone, without the error text or the URL', async () => {
    await database.drop();
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'not-ready', checks: { datasource: 'unreachable', state: 'ok', audit: 'ok' } });
    expect(text).not.toContain(database.name);
    expect(text).not.toMatch(/password|postgres:\/\//i);
  });
});
