import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { defaultPolicies } from '../../src/config/policies.ts';
import { executeSql } from '../../src/pipeline/execute-sql.ts';
import { findFreePort } from '../../src/providers/embedded-postgres/find-free-port.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { guardDatasource } from '../../src/providers/resilience/guard-datasource.ts';
import { datasourceFailure } from '../support/datasource-failure.ts';

/** The circuit breaker in front of the real PostgreSQL datasource, when the server cannot be reached. */

const limits = { maxRows: 10, statementTimeoutMs: 5_000 };


/** A TCP server that accepts connections and never answers: a hung database. */
async function startSilentServer(): Promise<{ server: Server; port: number; connections: () => number }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    server,
    port,
    connections: () => sockets.length,
  };
}

describe('a guarded datasource whose server cannot be reached', () => {
  it('opens after the threshold on a closed port, then replies at once with the next try', async () => {
    const port = await findFreePort();
    const inner = createPostgresDatasource({ name: 'offline', connectionString: `postgres://reader:s3cret@127.0.0.1:${port}/sample`, connectionTimeoutMs: 2_000 });
    const guarded = guardDatasource(inner, { failureThreshold: 3, cooldownMs: 60_000 });
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const error = await datasourceFailure(guarded.run('SELECT 1', limits));
        expect(error.code).toBe('unavailable');
        expect(error.message).toBe('The database "offline" is unavailable (connection refused).');
        expect(error.retryAt).toBeUndefined();
      }
      const before = Date.now();
      const open = await datasourceFailure(guarded.run('SELECT 1', limits));
      expect(open.code).toBe('unavailable');
      expect(open.retryAt?.getTime()).toBeGreaterThan(before);
      expect(open.message).toMatch(/^The database "offline" is unavailable after 3 consecutive failures; the next try is at \d\d:\d\d:\d\d UTC \(in (59|60) s\)\.$/);
      expect(open.message).not.toContain('s3cret');

      const execution = await executeSql('SELECT 1', { datasource: guarded, limits: defaultPolicies.limits });
      expect(execution.ok).toBe(false);
      if (!execution.ok) {
        expect(execution.failure.code).toBe('database-unavailable');
        expect(execution.failure.message).toMatch(/^The database "offline" cannot be reached right now; the next try is at \d\d:\d\d:\d\d UTC \(in \d+ s\)\.$/);
      }
    } finally {
      await guarded.close();
    }
  });

  it('stops opening connections to a hung server once open', async () => {
    const silent = await startSilentServer();
    const inner = createPostgresDatasource({ name: 'hung', connectionString: `postgres://reader@127.0.0.1:${silent.port}/sample`, connectionTimeoutMs: 200 });
    const guarded = guardDatasource(inner, { failureThreshold: 2, cooldownMs: 60_000 });
    try {
      expect((await datasourceFailure(guarded.run('SELECT 1', limits))).message).toBe('The database "hung" is unavailable (connection timed out).');
      expect((await datasourceFailure(guarded.explain('SELECT 1', limits))).code).toBe('unavailable');
      const attempts = silent.connections();
      expect(attempts).toBeGreaterThanOrEqual(2);
      const replies = await Promise.all([1, 2, 3, 4, 5].map(() => datasourceFailure(guarded.run('SELECT 1', limits))));
      for (const reply of replies) expect(reply.retryAt).toBeInstanceOf(Date);
      expect(silent.connections()).toBe(attempts);
    } finally {
      await guarded.close();
      silent.server.close();
      silent.server.unref();
    }
  });
});
