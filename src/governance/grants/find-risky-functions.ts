import { z } from 'zod';
import type { Datasource } from '../../ports/datasource.ts';

/**
 * Functions a read-only transaction does not stop from acting outside it or from running SQL no parser sees:
 * sleeping, session settings, server files, large objects, notifications, transaction ids, advisory locks,
 * other connections (dblink), other sessions (cancel, terminate) and SQL given as a string (query_to_xml, ts_stat).
 * See ../shared/DEPENDENCIES.md, "PostgreSQL facts the security layer must respect".
 */
export const RISKY_FUNCTION_NAMES: readonly string[] = [
  'pg_sleep',
  'pg_sleep_for',
  'pg_sleep_until',
  'set_config',
  'pg_read_file',
  'pg_read_binary_file',
  'pg_ls_dir',
  'pg_stat_file',
  'pg_ls_logdir',
  'pg_ls_waldir',
  'pg_ls_tmpdir',
  'pg_ls_archive_statusdir',
  'pg_file_write',
  'loread',
  'lowrite',
  'pg_notify',
  'txid_current',
  'pg_current_xact_id',
  'pg_cancel_backend',
  'pg_terminate_backend',
  'pg_logical_emit_message',
  'ts_stat',
];

/** Every function whose name starts with one of these (overloads and extension variants included). */
export const RISKY_FUNCTION_PREFIXES: readonly string[] = [
  'lo_',
  'dblink',
  'pg_advisory_',
  'pg_try_advisory_',
  'query_to_xml',
  'table_to_xml',
  'cursor_to_xml',
  'schema_to_xml',
  'database_to_xml',
];

/** One overload, as `REVOKE … ON FUNCTION` names it. */
export interface RiskyFunction {
  schema: string;
  name: string;
  /** Argument types as `pg_get_function_identity_arguments` prints them, e.g. `double precision`. */
  identityArguments: string;
}

const rowSchema = z.tuple([z.string(), z.string(), z.string()]);

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The catalog query, with the constant lists above written in as literals (the Datasource port takes no parameters). */
export function riskyFunctionsQuery(): string {
  const names = RISKY_FUNCTION_NAMES.map(quoteLiteral).join(', ');
  const prefixes = RISKY_FUNCTION_PREFIXES.map(quoteLiteral).join(', ');
  return `SELECT n.nspname::text, p.proname::text, pg_catalog.pg_get_function_identity_arguments(p.oid)
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind = 'f'
  AND (p.proname = ANY (ARRAY[${names}]::pg_catalog.name[])
       OR EXISTS (SELECT 1 FROM pg_catalog.unnest(ARRAY[${prefixes}]::text[]) AS prefix WHERE pg_catalog.starts_with(p.proname::text, prefix)))
ORDER BY 1, 2, 3`;
}

/** The risky functions that exist in the datasource's database (extensions such as dblink only when installed). */
export async function findRiskyFunctions(datasource: Datasource, statementTimeoutMs: number): Promise<RiskyFunction[]> {
  const result = await datasource.run(riskyFunctionsQuery(), { maxRows: 10_000, statementTimeoutMs });
  if (result.truncated) throw new Error('More than 10000 risky functions: the catalog query is wrong.');
  return result.rows.map((row) => {
    const [schema, name, identityArguments] = rowSchema.parse(row);
    return { schema, name, identityArguments };
  });
}
