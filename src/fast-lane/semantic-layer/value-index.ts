import type { Catalog } from '../../catalog/catalog.ts';
import { DatasourceError, type Datasource } from '../../ports/datasource.ts';
import { columnKind } from './column-kind.ts';
import { sqlIdentifier } from '../compile/sql-text.ts';

/**
 * The distinct values of small categorical columns, read once at start-up, so a question's "cancelled" or "Berlin"
 * becomes `status = 'cancelled'` or `city = 'Berlin'`. Only text and enum columns of tables (not views) that are not
 * personal data and not keys, holding at most `maxValuesPerColumn` distinct values, are indexed. A table that cannot be
 * read now (locked, slow) is reported as skipped; `open-fast-lane.ts` reads it again later.
 */

export interface ValueIndexColumn {
  schema: string;
  table: string;
  column: string;
  values: string[];
}

export interface ValueIndex {
  columns: ValueIndexColumn[];
}

export const emptyValueIndex: ValueIndex = { columns: [] };

export interface BuildValueIndexOptions {
  /** Columns with more distinct values are left out. Default 200. */
  maxValuesPerColumn?: number;
  /** Per-column statement timeout. Default 2000 ms. */
  statementTimeoutMs?: number;
  /** Values longer than this are free text, not categories. Default 80 characters. */
  maxValueLength?: number;
  /** Tables the planner estimates above this many rows are not read (a DISTINCT would scan them). Default 5,000,000. */
  maxTableRows?: number;
}

/** After this many columns in a row time out, the rest are left out: the database is busy, and start-up must not wait. */
const maxConsecutiveTimeouts = 3;

/**
 * Why a table's values are not (all) in the index. `locked`, `timeout`, `busy` (left out after several time-outs in a
 * row) and `overloaded` pass: a later refresh reads the table again. `large` and `unreadable` stay until the schema or
 * the grants change.
 */
export type SkipReason = 'large' | 'locked' | 'timeout' | 'busy' | 'overloaded' | 'unreadable';

export interface SkippedTable {
  schema: string;
  table: string;
  reason: SkipReason;
  /** The columns not read, when only some were. */
  columns: string[];
}

export interface ValueIndexReading {
  index: ValueIndex;
  skipped: SkippedTable[];
}

/** A reason that passes: a refresh is worth trying. */
export function isPassingSkip(reason: SkipReason): boolean {
  return reason !== 'large' && reason !== 'unreadable';
}

export async function buildValueIndex(datasource: Datasource, catalog: Catalog, options: BuildValueIndexOptions = {}): Promise<ValueIndex> {
  return (await readValueIndex(datasource, catalog, options)).index;
}

export interface ReadValueIndexOptions extends BuildValueIndexOptions {
  /** Only these tables (`schema.table`). Default all. */
  tables?: ReadonlySet<string> | undefined;
  /** Checked before each query: true ends the reading early (the fast lane is closing). */
  shouldStop?: (() => boolean) | undefined;
}

/** The index and what it left out, and why. */
export async function readValueIndex(datasource: Datasource, catalog: Catalog, options: ReadValueIndexOptions = {}): Promise<ValueIndexReading> {
  const maxValues = options.maxValuesPerColumn ?? 200;
  const maxLength = options.maxValueLength ?? 80;
  const columns: ValueIndexColumn[] = [];
  const skipped = new Map<string, SkippedTable>();
  const skip = (schema: string, table: string, column: string, reason: SkipReason) => {
    const key = `${schema}.${table}`;
    const entry = skipped.get(key) ?? { schema, table, reason, columns: [] };
    if (!isPassingSkip(entry.reason) && isPassingSkip(reason)) entry.reason = reason;
    entry.columns.push(column);
    skipped.set(key, entry);
  };
  let timeouts = 0;
  for (const table of catalog.tables) {
    if (options.tables !== undefined && !options.tables.has(`${table.schema}.${table.name}`)) continue;
    if (table.kind !== 'table') continue;
    const foreignKeyColumns = new Set(table.foreignKeys.flatMap((foreignKey) => foreignKey.columns));
    const wanted = table.columns.filter((column) => !column.pii && !table.primaryKey.includes(column.name) && !foreignKeyColumns.has(column.name) && columnKind(column.dataType) === 'text');
    if (wanted.length === 0) continue;
    if (table.rowEstimate > (options.maxTableRows ?? 5_000_000)) {
      skipped.set(`${table.schema}.${table.name}`, { schema: table.schema, table: table.name, reason: 'large', columns: wanted.map((column) => column.name) });
      continue;
    }
    let tableLocked = false;
    for (const column of wanted) {
      if (options.shouldStop?.() === true) break;
      if (timeouts >= maxConsecutiveTimeouts) {
        skip(table.schema, table.name, column.name, 'busy');
        continue;
      }
      // A locked table makes every column wait for the lock timeout: one wait is enough to know.
      if (tableLocked) {
        skip(table.schema, table.name, column.name, 'locked');
        continue;
      }
      const values = await readDistinctValues(datasource, table.schema, table.name, column.name, maxValues, options.statementTimeoutMs ?? 2000);
      timeouts = values === 'timeout' ? timeouts + 1 : 0;
      if (values === 'locked') tableLocked = true;
      if (typeof values === 'string') {
        skip(table.schema, table.name, column.name, values);
        continue;
      }
      if (values === null || values.length === 0 || values.some((value) => value.length > maxLength)) continue;
      columns.push({ schema: table.schema, table: table.name, column: column.name, values });
    }
  }
  return { index: { columns }, skipped: [...skipped.values()] };
}

/** SQLSTATE 55P03 lock_not_available: the statement gave up waiting for a lock (lock_timeout). */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * One bounded query per column; `null` when the column has too many values, a reason when it could not be read now.
 * Only an unreachable database throws.
 */
async function readDistinctValues(datasource: Datasource, schema: string, table: string, column: string, maxValues: number, statementTimeoutMs: number): Promise<string[] | null | SkipReason> {
  const name = sqlIdentifier(column);
  const sql = `SELECT DISTINCT ${name}::text AS value FROM ${sqlIdentifier(schema)}.${sqlIdentifier(table)} WHERE ${name} IS NOT NULL LIMIT ${maxValues + 1}`;
  try {
    const result = await datasource.run(sql, { maxRows: maxValues, statementTimeoutMs });
    if (result.truncated || result.rows.length > maxValues) return null;
    return result.rows.map((row) => String(row[0])).sort();
  } catch (error) {
    if (!(error instanceof DatasourceError) || error.code === 'unavailable') throw error;
    // A column the role cannot read, or a slow or locked table: the fast lane does not know its values for now.
    if (error.code === 'timeout') return 'timeout';
    if (error.code === 'overloaded') return 'overloaded';
    if (error.sqlState === LOCK_NOT_AVAILABLE) return 'locked';
    return 'unreadable';
  }
}
