import type { Catalog } from '../catalog/catalog.ts';
import { DatasourceError, type Datasource } from '../ports/datasource.ts';
import { columnKind } from './column-kind.ts';
import { sqlIdentifier } from './sql-text.ts';

/**
 * The distinct values of small categorical columns, read once at start-up, so a question's "cancelled" or "Berlin"
 * becomes `status = 'cancelled'` or `city = 'Berlin'`. Only text and enum columns of tables (not views) that are not
 * personal data and not keys, holding at most `maxValuesPerColumn` distinct values, are indexed.
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

export async function buildValueIndex(datasource: Datasource, catalog: Catalog, options: BuildValueIndexOptions = {}): Promise<ValueIndex> {
  const maxValues = options.maxValuesPerColumn ?? 200;
  const maxLength = options.maxValueLength ?? 80;
  const columns: ValueIndexColumn[] = [];
  let timeouts = 0;
  for (const table of catalog.tables) {
    if (table.kind !== 'table' || table.rowEstimate > (options.maxTableRows ?? 5_000_000)) continue;
    const foreignKeyColumns = new Set(table.foreignKeys.flatMap((foreignKey) => foreignKey.columns));
    for (const column of table.columns) {
      if (column.pii || table.primaryKey.includes(column.name) || foreignKeyColumns.has(column.name)) continue;
      if (columnKind(column.dataType) !== 'text') continue;
      if (timeouts >= maxConsecutiveTimeouts) return { columns };
      const values = await readDistinctValues(datasource, table.schema, table.name, column.name, maxValues, options.statementTimeoutMs ?? 2000);
      timeouts = values === 'timeout' ? timeouts + 1 : 0;
      if (values === null || values === 'timeout' || values.length === 0 || values.some((value) => value.length > maxLength)) continue;
      columns.push({ schema: table.schema, table: table.name, column: column.name, values });
    }
  }
  return { columns };
}

/** One bounded query per column; `null` when the column has too many values or cannot be read, 'timeout' when it took too long. */
async function readDistinctValues(datasource: Datasource, schema: string, table: string, column: string, maxValues: number, statementTimeoutMs: number): Promise<string[] | null | 'timeout'> {
  const name = sqlIdentifier(column);
  const sql = `SELECT DISTINCT ${name}::text AS value FROM ${sqlIdentifier(schema)}.${sqlIdentifier(table)} WHERE ${name} IS NOT NULL LIMIT ${maxValues + 1}`;
  try {
    const result = await datasource.run(sql, { maxRows: maxValues, statementTimeoutMs });
    if (result.truncated || result.rows.length > maxValues) return null;
    return result.rows.map((row) => String(row[0])).sort();
  } catch (error) {
    // A column the role cannot read, or a slow table: the fast lane simply does not know its values.
    if (error instanceof DatasourceError && error.code === 'timeout') return 'timeout';
    if (error instanceof DatasourceError && error.code !== 'unavailable') return null;
    throw error;
  }
}
