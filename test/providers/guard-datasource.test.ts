import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatasourceError, type Datasource, type DatasourceErrorCode, type QueryResult, type SchemaSnapshot } from '../../src/ports/datasource.ts';
import { guardDatasource } from '../../src/providers/resilience/guard-datasource.ts';

/** The circuit breaker, over a scripted in-memory datasource; time moves only when a test moves it. Admission: guard-datasource-admission.test.ts. */

const options = { maxRows: 10, statementTimeoutMs: 1_000 };
const answer: QueryResult = { columns: [{ name: 'one', dataType: 'integer' }], rows: [[1]], truncated: false, elapsedMs: 1 };
const snapshot: SchemaSnapshot = { serverVersion: 180_000, tables: [] };
const startedAt = new Date('2026-11-05T10:00:00.000Z');

type Step = () => Promise<QueryResult>;

/** Answers each `run`/`explain` with the next scripted step; records what reached it. */
class ScriptedDatasource implements Datasource {
  readonly name = 'warehouse';
  readonly calls: string[] = [];
  closed = false;
  private readonly steps: Step[] = [];

  script(...steps: Step[]): this {
    this.steps.push(...steps);
    return this;
  }

  async introspect(): Promise<SchemaSnapshot> {
    this.calls.push('introspect');
    return snapshot;
  }

  async explain(sql: string) {
    this.calls.push(`explain ${sql}`);
    const result = await this.next()();
    return { estimatedRows: result.rows.length, totalCost: 1, plan: [] };
  }

  async run(sql: string): Promise<QueryResult> {
    this.calls.push(`run ${sql}`);
    return this.next()();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private next(): Step {
    const step = this.steps.shift();
    if (step === undefined) throw new Error('the script has no step left');
    return step;
  }
}

const succeeds: Step = async () => answer;
const failsWith =
  (code: DatasourceErrorCode): Step =>
  async () => {
    throw new DatasourceError(code, `scripted ${code}`, undefined);
  };

function pending(): { step: Step; finish: () => void } {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    step: async () => {
      await done;
      return answer;
    },
    finish,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function datasourceFailure(promise: Promise<unknown>): Promise<DatasourceError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(DatasourceError);
  return error as DatasourceError;
}

function advanceSeconds(seconds: number): void {
  vi.setSystemTime(Date.now() + seconds * 1000);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(startedAt);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the circuit breaker', () => {
  it('passes answers and the first failures through, then opens and fails fast without calling the database', async () => {
    const inner = new ScriptedDatasource().script(succeeds, failsWith('unavailable'), failsWith('timeout'), failsWith('unavailable'));
    const guarded = guardDatasource(inner, { failureThreshold: 3, cooldownMs: 30_000 });
    expect(await guarded.run('SELECT 1', options)).toEqual(answer);
    expect((await datasourceFailure(guarded.run('SELECT 2', options))).message).toBe('scripted unavailable');
    expect((await datasourceFailure(guarded.run('SELECT 3', options))).message).toBe('scripted timeout');
    expect((await datasourceFailure(guarded.run('SELECT 4', options))).message).toBe('scripted unavailable');

    const fast = await datasourceFailure(guarded.run('SELECT 5', options));
    expect(fast.code).toBe('unavailable');
    expect(fast.retryAt).toEqual(new Date('2026-11-05T10:00:30.000Z'));
    expect(fast.message).toBe('The database "warehouse" is unavailable after 3 consecutive failures; the next try is at 10:00:30 UTC (in 30 s).');
    advanceSeconds(12);
    expect((await datasourceFailure(guarded.explain('SELECT 6', options))).message).toMatch(/next try is at 10:00:30 UTC \(in 18 s\)\.$/);
    expect(inner.calls).toEqual(['run SELECT 1', 'run SELECT 2', 'run SELECT 3', 'run SELECT 4']);
  });

  it('half-opens after the cooldown: one trial call, and success closes it', async () => {
    const inner = new ScriptedDatasource().script(failsWith('unavailable'), failsWith('unavailable'), succeeds, succeeds);
    const guarded = guardDatasource(inner, { failureThreshold: 2, cooldownMs: 5_000 });
    await rejection(guarded.run('SELECT 1', options));
    await rejection(guarded.run('SELECT 2', options));
    advanceSeconds(4);
    expect((await datasourceFailure(guarded.run('still open', options))).retryAt).toEqual(new Date('2026-11-05T10:00:05.000Z'));
    advanceSeconds(1);
    expect(await guarded.run('trial', options)).toEqual(answer);
    expect(await guarded.run('closed again', options)).toEqual(answer);
    expect(inner.calls).toEqual(['run SELECT 1', 'run SELECT 2', 'run trial', 'run closed again']);
  });

  it('re-opens when the trial call fails, and callers waiting on the trial fail fast', async () => {
    const trial = pending();
    const inner = new ScriptedDatasource().script(failsWith('unavailable'), failsWith('unavailable'));
    const guarded = guardDatasource(inner, { failureThreshold: 2, cooldownMs: 5_000 });
    await rejection(guarded.run('SELECT 1', options));
    await rejection(guarded.run('SELECT 2', options));
    advanceSeconds(5);
    inner.script(async () => {
      await trial.step();
      throw new DatasourceError('unavailable', 'still down', undefined);
    });
    const trialCall = guarded.run('trial', options);
    const waitingCall = guarded.run('waiting', options);
    trial.finish();
    expect((await datasourceFailure(trialCall)).message).toBe('still down');
    const waiting = await datasourceFailure(waitingCall);
    expect(waiting.retryAt).toEqual(new Date('2026-11-05T10:00:10.000Z'));
    expect(waiting.message).toContain('after 3 consecutive failures');
    expect(inner.calls).toEqual(['run SELECT 1', 'run SELECT 2', 'run trial']);
  });

  it('does not count the query’s own errors, which prove the database answers', async () => {
    const inner = new ScriptedDatasource().script(
      failsWith('unavailable'),
      failsWith('syntax'),
      failsWith('unavailable'),
      failsWith('permission'),
      failsWith('read-only'),
      failsWith('undefined-object'),
      failsWith('query-failed'),
      succeeds,
    );
    const guarded = guardDatasource(inner, { failureThreshold: 2 });
    await rejection(guarded.run('down', options));
    const syntax = await datasourceFailure(guarded.run('SELEC 1', options));
    expect(syntax.code).toBe('syntax');
    expect(syntax.message).toBe('scripted syntax');
    await rejection(guarded.run('down again', options));
    for (const code of ['permission', 'read-only', 'undefined-object', 'query-failed']) {
      expect((await datasourceFailure(guarded.run(code, options))).code).toBe(code);
    }
    expect(await guarded.run('SELECT 1', options)).toEqual(answer);
    expect(inner.calls).toHaveLength(8);
  });

  it('does not count errors that are not datasource errors', async () => {
    const inner = new ScriptedDatasource().script(
      async () => {
        throw new RangeError('maxRows must be an integer');
      },
      async () => {
        throw new RangeError('maxRows must be an integer');
      },
      succeeds,
    );
    const guarded = guardDatasource(inner, { failureThreshold: 1 });
    expect(await rejection(guarded.run('SELECT 1', options))).toBeInstanceOf(RangeError);
    expect(await rejection(guarded.run('SELECT 1', options))).toBeInstanceOf(RangeError);
    expect(await guarded.run('SELECT 1', options)).toEqual(answer);
  });

  it('lets introspect and close through while open', async () => {
    const inner = new ScriptedDatasource().script(failsWith('unavailable'));
    const guarded = guardDatasource(inner, { failureThreshold: 1 });
    await rejection(guarded.run('SELECT 1', options));
    expect((await datasourceFailure(guarded.run('SELECT 2', options))).retryAt).toBeInstanceOf(Date);
    expect(await guarded.introspect()).toEqual(snapshot);
    await guarded.close();
    expect(inner.closed).toBe(true);
    expect(guarded.name).toBe('warehouse');
  });

  it('refuses options out of range', () => {
    const inner = new ScriptedDatasource();
    expect(() => guardDatasource(inner, { failureThreshold: 0 })).toThrow();
    expect(() => guardDatasource(inner, { maxConcurrent: 1.5 })).toThrow();
  });
});
