import type { Catalog } from '../catalog/catalog.ts';
import type { Datasource } from '../ports/datasource.ts';
import { quoteQualifiedName } from '../sql/quote-identifier.ts';

/**
 * Zero writes, checked independently of the policy agent: every table's row count and a checksum of its rows,
 * taken before and after a run, must be equal.
 */

export interface WriteCheck {
  tables: number;
  /** Tables whose rows differ after the run. */
  changed: string[];
  /** Why the tables could not be compared (the database failed); null when they were. */
  error: string | null;
}

export type TableSnapshot = Map<string, string>;

const snapshotOptions = { maxRows: 1, statementTimeoutMs: 60_000 };

export async function snapshotTables(datasource: Datasource, catalog: Catalog): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = new Map();
  for (const table of catalog.tables) {
    if (table.kind !== 'table') continue;
    const name = quoteQualifiedName(table.schema, table.name);
    const result = await datasource.run(`SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM ${name} AS t`, snapshotOptions);
    snapshot.set(`${table.schema}.${table.name}`, String(result.rows[0]?.[0] ?? ''));
  }
  return snapshot;
}

/** Takes a snapshot before `run` and compares one taken after it. */
export async function checkWrites<T>(datasource: Datasource, catalog: Catalog, run: () => Promise<T>): Promise<{ value: T; writes: WriteCheck }> {
  let before: TableSnapshot;
  try {
    before = await snapshotTables(datasource, catalog);
  } catch (error) {
    return { value: await run(), writes: { tables: 0, changed: [], error: describe(error) } };
  }
  const value = await run();
  try {
    const after = await snapshotTables(datasource, catalog);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((table) => before.get(table) !== after.get(table)).sort();
    return { value, writes: { tables: before.size, changed, error: null } };
  } catch (error) {
    return { value, writes: { tables: before.size, changed: [], error: describe(error) } };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
