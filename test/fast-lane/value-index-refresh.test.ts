import { afterEach, describe, expect, it, vi } from 'vitest';
import { openFastLane, type FastLaneLog, type OpenedFastLane } from '../../src/fast-lane/open-fast-lane.ts';
import { DatasourceError, type Datasource, type QueryResult } from '../../src/ports/datasource.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { sampleCatalog } from '../support/sample-catalog.ts';

/** The value index skips a table it cannot read now, says so, and reads it again later (on an interval, or after a miss). */

const columnValues: Record<string, string[]> = {
  'customers.city': ['Berlin', 'Lisbon'],
  'customers.country': ['DE', 'PT'],
  'products.category': ['Books', 'Electronics'],
  'orders.status': ['cancelled', 'delivered', 'pending'],
};

/** Answers the value index's DISTINCT queries from `columnValues`; tables in `locked` fail as lock_timeout does. */
class ValuesDatasource implements Datasource {
  readonly name = 'sample';
  readonly locked = new Set<string>();
  readonly queries: string[] = [];

  async run(sql: string): Promise<QueryResult> {
    const match = /DISTINCT (\S+)::text AS value FROM (\S+)\.(\S+) WHERE/.exec(sql);
    if (!match) throw new Error(`unexpected SQL: ${sql}`);
    const [, column, , table] = match;
    this.queries.push(`${table}.${column}`);
    if (this.locked.has(String(table))) throw new DatasourceError('query-failed', 'The database rejected the query (SQLSTATE 55P03: lock_not_available).', '55P03');
    const values = columnValues[`${table}.${column}`] ?? [];
    return { columns: [{ name: 'value', dataType: 'text' }], rows: values.map((value) => [value]), truncated: false, elapsedMs: 1 };
  }

  introspect(): never {
    throw new Error('not used');
  }

  explain(): never {
    throw new Error('not used');
  }

  async close(): Promise<void> {}
}

const context = { today: '2025-07-01' };
const opened: OpenedFastLane[] = [];

function recordingLog(): { log: FastLaneLog; entries: { level: string; message: string; details: Record<string, unknown> }[] } {
  const entries: { level: string; message: string; details: Record<string, unknown> }[] = [];
  return { log: (level, message, details) => entries.push({ level, message, details }), entries };
}

async function open(datasource: Datasource, options: Partial<Parameters<typeof openFastLane>[0]> = {}): Promise<OpenedFastLane> {
  const fastLane = await openFastLane({ datasource, catalog: sampleCatalog(), store: createMemoryStateStore(), ...options });
  opened.push(fastLane);
  return fastLane;
}

afterEach(async () => {
  for (const fastLane of opened.splice(0)) await fastLane.close();
  vi.useRealTimers();
});

describe('value index refresh', () => {
  it('reports a locked table, waits on its lock once, and reads it again after a question misses it', async () => {
    const datasource = new ValuesDatasource();
    datasource.locked.add('orders');
    const { log, entries } = recordingLog();
    const fastLane = await open(datasource, { log, retrySkippedAfterMs: 0 });

    expect(fastLane.skipped).toEqual([{ schema: 'public', table: 'orders', reason: 'locked', columns: ['status'] }]);
    expect(fastLane.valueIndex.columns.map((column) => `${column.table}.${column.column}`)).toEqual(['customers.city', 'customers.country', 'products.category']);
    expect(entries).toContainEqual({
      level: 'warn',
      message: 'value index: skipped public.orders (locked by another session); it is read again later',
      details: { datasource: 'sample', table: 'public.orders', reason: 'locked', columns: ['status'] },
    });

    datasource.locked.clear();
    const before = fastLane.parser.answer('How many orders were cancelled?', context);
    if (before.kind === 'answered') expect(before.sql).not.toContain("'cancelled'");
    await vi.waitFor(() => expect(fastLane.skipped).toEqual([]));
    // Only the skipped table was read again.
    expect(datasource.queries.filter((query) => query === 'customers.city')).toHaveLength(1);
    expect(entries.map((entry) => entry.message)).toContain('value index: public.orders is indexed now');

    const after = fastLane.parser.answer('How many orders were cancelled?', context);
    expect(after).toMatchObject({ kind: 'answered' });
    if (after.kind === 'answered') expect(after.sql).toContain("status = 'cancelled'");
  });

  it('reads the whole index again on its interval, and stops when closed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const datasource = new ValuesDatasource();
    datasource.locked.add('orders');
    const fastLane = await open(datasource, { refreshIntervalMs: 60_000, retrySkippedAfterMs: 3_600_000 });
    expect(fastLane.skipped).toHaveLength(1);
    const oneReading = datasource.queries.length;
    datasource.locked.clear();
    // A miss within retrySkippedAfterMs does not read again; the interval does.
    fastLane.parser.answer('How many orders were cancelled?', context);
    expect(datasource.queries).toHaveLength(oneReading);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(() => expect(fastLane.skipped).toEqual([]));
    expect(datasource.queries).toHaveLength(2 * oneReading);

    await fastLane.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(datasource.queries).toHaveLength(2 * oneReading);
  });

  it('keeps the index in use when a refresh fails, and says so', async () => {
    const datasource = new ValuesDatasource();
    const { log, entries } = recordingLog();
    const fastLane = await open(datasource, { log, refreshIntervalMs: 0 });
    const columns = fastLane.valueIndex.columns;
    datasource.run = async () => {
      throw new DatasourceError('unavailable', 'The database "sample" is unavailable (connection refused).', undefined);
    };
    await fastLane.refresh();
    expect(fastLane.valueIndex.columns).toEqual(columns);
    expect(entries.map((entry) => entry.message)).toContain('value index: refresh failed; the previous index stays in use');
  });

  it('says which tables it never reads, once, without warning', async () => {
    const { log, entries } = recordingLog();
    const catalog = sampleCatalog();
    const products = catalog.tables.find((table) => table.name === 'products');
    if (products) products.rowEstimate = 10_000_000;
    await openFastLane({ datasource: new ValuesDatasource(), catalog, store: createMemoryStateStore(), log, refreshIntervalMs: 0 }).then((fastLane) => opened.push(fastLane));
    expect(entries).toEqual([
      {
        level: 'info',
        message: 'value index: skipped public.products (too many rows to read its distinct values)',
        details: { datasource: 'sample', table: 'public.products', reason: 'large', columns: ['name', 'category'] },
      },
    ]);
  });
});
