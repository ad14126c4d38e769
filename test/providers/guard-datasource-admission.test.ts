import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPolicies, resilienceSchema } from '../../src/config/policies.ts';
import { describeDatasourceError } from '../../src/pipeline/execute-sql.ts';
import { DatasourceError, type Datasource, type QueryResult, type SchemaSnapshot } from '../../src/ports/datasource.ts';
import { guardDatasource } from '../../src/providers/resilience/guard-datasource.ts';
import { datasourceFailure } from '../support/datasource-failure.ts';

/**
 * Admission: a burst waits its turn in a bounded queue with a deadline instead of being refused; a refusal for
 * overload is `overloaded`, says when to ask again and never counts against the breaker. Timers are fake: the queue
 * deadline passes when a test moves the clock.
 */

const options = { maxRows: 10, statementTimeoutMs: 1_000 };
const answer: QueryResult = { columns: [{ name: 'one', dataType: 'integer' }], rows: [[1]], truncated: false, elapsedMs: 1 };

/** Every statement waits until the test opens its gate (or fails it); records what reached the database and when. */
class GatedDatasource implements Datasource {
  readonly name = 'warehouse';
  readonly started: string[] = [];
  private readonly gates = new Map<string, { open: () => void; fail: (error: unknown) => void }>();
  introspections = 0;

  run(sql: string): Promise<QueryResult> {
    this.started.push(sql);
    return new Promise((resolve, reject) => this.gates.set(sql, { open: () => resolve(answer), fail: reject }));
  }

  async explain(sql: string) {
    await this.run(sql);
    return { estimatedRows: 1, totalCost: 1, plan: [] };
  }

  async introspect(): Promise<SchemaSnapshot> {
    this.introspections += 1;
    return { serverVersion: 180_000, tables: [] };
  }

  async close(): Promise<void> {}

  finish(sql: string): void {
    const gate = this.gates.get(sql);
    if (!gate) throw new Error(`${sql} has not started`);
    gate.open();
  }

  fail(sql: string, error: unknown): void {
    this.gates.get(sql)?.fail(error);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(new Date('2026-11-05T10:00:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('admission', () => {
  it('runs maxConcurrent at once and lets the rest wait their turn in arrival order', async () => {
    const inner = new GatedDatasource();
    const guarded = guardDatasource(inner, { maxConcurrent: 2, maxQueued: 10 });
    const calls = ['a', 'b', 'c', 'd', 'e'].map((sql) => guarded.run(sql, options));
    await vi.waitFor(() => expect(inner.started).toEqual(['a', 'b']));
    inner.finish('b');
    await vi.waitFor(() => expect(inner.started).toEqual(['a', 'b', 'c']));
    inner.finish('a');
    await vi.waitFor(() => expect(inner.started).toEqual(['a', 'b', 'c', 'd']));
    inner.finish('c');
    inner.finish('d');
    await vi.waitFor(() => expect(inner.started).toHaveLength(5));
    inner.finish('e');
    expect(await Promise.all(calls)).toEqual([answer, answer, answer, answer, answer]);
  });

  it('refuses one more than the queue holds at once, as overloaded with a time to ask again, without counting a failure', async () => {
    const inner = new GatedDatasource();
    const guarded = guardDatasource(inner, { failureThreshold: 1, maxConcurrent: 2, maxQueued: 1 });
    const admitted = ['first', 'second', 'queued'].map((sql) => guarded.run(sql, options));
    const refused = await datasourceFailure(guarded.run('refused', options));
    expect(refused.code).toBe('overloaded');
    expect(refused.retryAt).toBeInstanceOf(Date);
    expect(refused.retryAt!.getTime()).toBeGreaterThan(Date.now());
    expect(refused.message).toMatch(/^The database "warehouse" is busy: 1 query is already waiting for 2 connections; ask again at 10:00:\d\d UTC \(in \d+ s\)\.$/);
    expect(inner.started).toEqual(['first', 'second']);
    for (const sql of ['first', 'second']) inner.finish(sql);
    await vi.waitFor(() => expect(inner.started).toContain('queued'));
    inner.finish('queued');
    await Promise.all(admitted);
    // With a threshold of 1, a counted refusal would have opened the breaker.
    const after = guarded.run('after', options);
    await vi.waitFor(() => expect(inner.started).toContain('after'));
    inner.finish('after');
    expect(await after).toEqual(answer);
  });

  it('refuses a statement still waiting at the queue deadline, as overloaded, and never runs it', async () => {
    const inner = new GatedDatasource();
    const guarded = guardDatasource(inner, { failureThreshold: 1, maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 30_000 });
    const slow = guarded.run('slow', options);
    const waiting = datasourceFailure(guarded.run('waiting', options));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(inner.started).toEqual(['slow']);
    await vi.advanceTimersByTimeAsync(1);
    const refused = await waiting;
    expect(refused.code).toBe('overloaded');
    expect(refused.message).toMatch(/this query waited 30 s for one of 1 connections \(0 still waiting\); ask again at/);
    inner.finish('slow');
    expect(await slow).toEqual(answer);
    expect(inner.started).toEqual(['slow']);
    const next = guarded.run('next', options);
    await vi.waitFor(() => expect(inner.started).toEqual(['slow', 'next']));
    inner.finish('next');
    expect(await next).toEqual(answer);
  });

  it('fails fast while the breaker is open, without waiting in the queue', async () => {
    const inner = new GatedDatasource();
    const guarded = guardDatasource(inner, { failureThreshold: 1, cooldownMs: 30_000, maxConcurrent: 1, maxQueued: 5 });
    const down = datasourceFailure(guarded.run('down', options));
    await vi.waitFor(() => expect(inner.started).toEqual(['down']));
    inner.fail('down', new DatasourceError('unavailable', 'The database "warehouse" is unavailable (connection refused).', undefined));
    expect((await down).code).toBe('unavailable');
    const open = await datasourceFailure(guarded.run('while open', options));
    expect(open.code).toBe('unavailable');
    expect(open.retryAt!.getTime() - Date.now()).toBe(30_000);
    expect(inner.started).toEqual(['down']);
  });

  it('does not queue introspection', async () => {
    const inner = new GatedDatasource();
    const guarded = guardDatasource(inner, { maxConcurrent: 1, maxQueued: 0 });
    void guarded.run('busy', options);
    expect(await guarded.introspect()).toEqual({ serverVersion: 180_000, tables: [] });
    expect(inner.introspections).toBe(1);
  });
});

describe('the overloaded reply', () => {
  it('says the database is busy and when to ask again, and that nothing ran', () => {
    const error = new DatasourceError('overloaded', 'The database "sample" is busy: …', undefined, { retryAt: new Date('2026-11-05T10:00:12.000Z') });
    const failure = describeDatasourceError(error, defaultPolicies.limits, 'sample');
    expect(failure.code).toBe('overloaded');
    expect(failure.errorClass).toBe('execution:overloaded');
    expect(failure.message).toBe('The database "sample" is busy with other questions right now; ask again at 10:00:12 UTC (in 12 s).');
    expect(failure.hint).toMatch(/^Nothing was run\./);
    expect(failure.hint).toContain('resilience.maxQueuedQueries');
  });
});

describe('resilience defaults', () => {
  it('queue hundreds of statements for up to 30 s, and refresh the value index every 10 minutes', () => {
    expect(resilienceSchema.parse({})).toEqual({
      failureThreshold: 5,
      cooldownMs: 30_000,
      maxConcurrentQueries: 8,
      maxQueuedQueries: 500,
      queueTimeoutMs: 30_000,
      valueIndexRefreshMs: 600_000,
    });
  });
});
