import pg from 'pg';
import { withReadOnlyTransaction } from './read-only-transaction.ts';
import { toDatasourceError } from './to-datasource-error.ts';

/**
 * The schemas a zero-config datasource exposes: those on the connecting role's `search_path` that hold a table or view
 * it may read, in search-path order; when none do, every other schema (not a system one, not `excluded`) holding one,
 * by name. A configured `schemas:` list replaces this.
 */

const DISCOVERY_TIMEOUT_MS = 10_000;

const SCHEMAS_SQL = `
SELECT n.nspname AS schema_name,
       pg_catalog.array_position(pg_catalog.current_schemas(false), n.nspname::text) AS search_position
FROM pg_catalog.pg_namespace n
WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
  AND NOT n.nspname = ANY($1::text[])
  AND pg_catalog.has_schema_privilege(n.oid, 'USAGE')
  AND EXISTS (
    SELECT 1 FROM pg_catalog.pg_class c
    WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition
      AND (pg_catalog.has_table_privilege(c.oid, 'SELECT') OR pg_catalog.has_any_column_privilege(c.oid, 'SELECT')))
ORDER BY search_position NULLS LAST, n.nspname`;

export async function discoverSchemas(connectionString: string, options: { name: string; excluded?: readonly string[] | undefined }): Promise<string[]> {
  const pool = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 10_000, application_name: 'sql-eval' });
  pool.on('error', () => undefined);
  try {
    const rows = await withReadOnlyTransaction(pool, { statementTimeoutMs: DISCOVERY_TIMEOUT_MS }, async (client) => {
      const result = await client.query<{ schema_name: string; search_position: number | null }>({ text: SCHEMAS_SQL, values: [[...(options.excluded ?? [])]] });
      return result.rows;
    });
    const onSearchPath = rows.filter((row) => row.search_position !== null);
    return (onSearchPath.length > 0 ? onSearchPath : rows).map((row) => row.schema_name);
  } catch (error) {
    throw error instanceof RangeError ? error : toDatasourceError(error, options.name);
  } finally {
    await pool.end();
  }
}
