import type { Catalog } from '../catalog/catalog.ts';
import { mayReadPii, type Entitlements } from '../governance/entitlements.ts';
import type { Datasource } from '../ports/datasource.ts';
import { quoteIdentifier, quoteQualifiedName } from '../sql/quote-identifier.ts';

/**
 * An independent check for the security summary: does a result hold a value of a PII column the asker may
 * not see? It reads the real values from the database and looks for them in the result's cells, so it
 * does not trust the analyzer it is checking.
 */

export interface PiiLeakDetector {
  /** The `table.column` names whose values appear in the rows. */
  findLeaks(rows: unknown[][], entitlements: Entitlements): Promise<string[]>;
}

const maxValuesPerColumn = 200_000;

export function createPiiLeakDetector(datasource: Datasource, catalog: Catalog): PiiLeakDetector {
  const cache = new Map<string, Promise<{ values: Set<string>; numeric: boolean }>>();
  const piiColumns = catalog.tables.flatMap((table) =>
    table.kind === 'table' ? table.columns.filter((column) => column.pii).map((column) => ({ table, column })) : [],
  );

  const valuesOf = (schema: string, table: string, column: string, numeric: boolean) => {
    const key = `${schema}.${table}.${column}`;
    let loaded = cache.get(key);
    if (!loaded) {
      const quoted = quoteIdentifier(column);
      loaded = datasource
        .run(`SELECT DISTINCT ${quoted}::text FROM ${quoteQualifiedName(schema, table)} WHERE ${quoted} IS NOT NULL`, { maxRows: maxValuesPerColumn, statementTimeoutMs: 60_000 })
        .then((result) => ({ values: new Set(result.rows.map((row) => String(row[0]))), numeric }));
      cache.set(key, loaded);
    }
    return loaded;
  };

  return {
    async findLeaks(rows, entitlements) {
      const isNumeric = (dataType: string) => /int|numeric|real|double|decimal/.test(dataType);
      // A value the asker may see in one column (a customer named like an employee) is not a leak of another.
      const permitted = new Set<string>();
      for (const { table, column } of piiColumns) {
        if (!mayReadPii(entitlements, table.name, column.name)) continue;
        for (const value of (await valuesOf(table.schema, table.name, column.name, isNumeric(column.dataType))).values) permitted.add(value);
      }
      const leaks: string[] = [];
      for (const { table, column } of piiColumns) {
        if (mayReadPii(entitlements, table.name, column.name)) continue;
        const numeric = isNumeric(column.dataType);
        const { values } = await valuesOf(table.schema, table.name, column.name, numeric);
        const forbidden = permitted.size === 0 ? values : new Set([...values].filter((value) => !permitted.has(value)));
        if (leaked(rows, forbidden, numeric)) leaks.push(`${table.name}.${column.name}`);
      }
      return leaks;
    },
  };
}

function leaked(rows: unknown[][], values: Set<string>, numeric: boolean): boolean {
  const width = rows[0]?.length ?? 0;
  for (let index = 0; index < width; index += 1) {
    const cells = rows.map((row) => row[index]).filter((cell) => cell !== null && cell !== undefined).map((cell) => (typeof cell === 'object' ? JSON.stringify(cell) : String(cell)));
    if (cells.length === 0) continue;
    if (numeric) {
      // Numbers collide by chance (a count equal to some salary): a whole column of PII values, with several distinct ones, is a leak.
      const distinct = new Set(cells);
      if (distinct.size >= 2 && cells.every((cell) => values.has(cell))) return true;
      continue;
    }
    for (const cell of cells) {
      if (values.has(cell)) return true;
      // Values inside JSON, arrays or concatenations.
      if (cell.length > 12 && [...values].some((value) => value.length >= 6 && cell.includes(value))) return true;
    }
  }
  return false;
}
