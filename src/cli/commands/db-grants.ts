import { z } from 'zod';
import { buildGrantsSql } from '../../governance/grants/build-grants-sql.ts';
import { findRiskyFunctions } from '../../governance/grants/find-risky-functions.ts';
import { CliError } from '../cli-error.ts';
import type { GlobalOptions } from '../global-options.ts';
import { sqlOnlyRuntime, openRuntime } from '../../compose/open-runtime.ts';
import { printError, printJson, printText } from '../print.ts';

/** `sql-eval db grants --role NAME`: prints the SQL that creates a least-privilege login role for the datasource. */

const MAXIMUM_NAME_BYTES = 63;

const roleSchema = z
  .string()
  .min(1, '--role must not be empty')
  .refine((role) => Buffer.byteLength(role, 'utf8') <= MAXIMUM_NAME_BYTES, `--role must be at most ${MAXIMUM_NAME_BYTES} bytes (PostgreSQL would cut a longer name)`)
  .refine((role) => !role.includes('\0'), '--role must not contain a NUL character')
  .refine((role) => !role.startsWith('pg_'), '--role must not start with pg_ (reserved for PostgreSQL roles)')
  .refine((role) => !['public', 'none', 'current_user', 'session_user', 'current_role'].includes(role.toLowerCase()), '--role must not be a reserved role name');

export async function dbGrantsCommand(options: GlobalOptions & { role: unknown }): Promise<number> {
  const parsed = roleSchema.safeParse(options.role);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const role = parsed.data;
  const runtime = await openRuntime(options, process.env, sqlOnlyRuntime);
  try {
    const riskyFunctions = await findRiskyFunctions(runtime.datasource, runtime.policies.limits.statementTimeoutMs);
    const script = buildGrantsSql({ catalog: runtime.catalog, limits: runtime.policies.limits, role, riskyFunctions });
    if (options.json) {
      printJson({ datasource: runtime.catalog.datasource, ...script });
    } else {
      printText(script.sql.trimEnd());
      if (script.tables.every((table) => table.withheldColumns.length === 0)) {
        printError('sql-eval: warning: no column is marked pii: true, so every column is granted; pass the semantic model with --semantic.');
      }
    }
    return 0;
  } finally {
    await runtime.close();
  }
}
