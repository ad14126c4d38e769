import { join } from 'node:path';
import { z } from 'zod';
import { loadEntitlements } from '../../config/load-config-files.ts';
import type { Catalog } from '../../catalog/catalog.ts';
import { buildGrantsSql } from '../../governance/grants/build-grants-sql.ts';
import { buildRowPoliciesSql } from '../../governance/grants/build-row-policies-sql.ts';
import { compileRowPolicies } from '../../governance/row-filters/compile-row-policies.ts';
import { resolveGroupRowFilters, resolveRowFiltersFor } from '../../governance/row-filters/resolve-row-filters.ts';
import { loadSqlParser } from '../../sql/parse-sql.ts';
import { findRiskyFunctions } from '../../governance/grants/find-risky-functions.ts';
import { CliError } from '../cli-error.ts';
import type { GlobalOptions } from '../global-options.ts';
import { sqlOnlyRuntime, openRuntime } from '../../compose/open-runtime.ts';
import { printError, printJson, printText } from '../print.ts';

/**
 * `sql-eval db grants --role NAME [--row-policies group:NAME | user:KEY]`: prints the SQL that creates a least-privilege
 * login role for the datasource and, optionally, PostgreSQL row-level security policies giving that role the row
 * filters of a group or a person from entitlements.yaml.
 */

const MAXIMUM_NAME_BYTES = 63;

const roleSchema = z
  .string()
  .min(1, '--role must not be empty')
  .refine((role) => Buffer.byteLength(role, 'utf8') <= MAXIMUM_NAME_BYTES, `--role must be at most ${MAXIMUM_NAME_BYTES} bytes (PostgreSQL would cut a longer name)`)
  .refine((role) => !role.includes('\0'), '--role must not contain a NUL character')
  .refine((role) => !role.startsWith('pg_'), '--role must not start with pg_ (reserved for PostgreSQL roles)')
  .refine((role) => !['public', 'none', 'current_user', 'session_user', 'current_role'].includes(role.toLowerCase()), '--role must not be a reserved role name');

const rowPoliciesSchema = z
  .string()
  .regex(/^(group|user):.+$/, '--row-policies must be group:<name> or user:<key>, the key as entitlements.yaml lists the person (user:slack:T123:U456, user:email:ana@example.com)')
  .optional();

export async function dbGrantsCommand(options: GlobalOptions & { role: unknown; rowPolicies?: unknown }): Promise<number> {
  const parsed = roleSchema.safeParse(options.role);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const role = parsed.data;
  const subject = rowPoliciesSchema.safeParse(options.rowPolicies);
  if (!subject.success) throw new CliError(subject.error.issues.map((issue) => issue.message).join('; '));
  const runtime = await openRuntime(options, process.env, sqlOnlyRuntime);
  try {
    const riskyFunctions = await findRiskyFunctions(runtime.datasource, runtime.policies.limits.statementTimeoutMs);
    const script = buildGrantsSql({ catalog: runtime.catalog, limits: runtime.policies.limits, role, riskyFunctions });
    const rowSecurity = subject.data === undefined ? undefined : await rowPoliciesScript(subject.data, role, runtime.catalog, options.config);
    if (options.json) {
      printJson({ datasource: runtime.catalog.datasource, ...script, ...(rowSecurity ? { sql: script.sql + rowSecurity.sql, rowPolicies: rowSecurity.tables } : {}) });
    } else {
      printText(`${script.sql}${rowSecurity?.sql ?? ''}`.trimEnd());
      if (script.tables.every((table) => table.withheldColumns.length === 0)) {
        printError('sql-eval: warning: no column is marked pii: true, so every column is granted; pass the semantic model with --semantic.');
      }
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

/** The row-level security section for `group:NAME` or `user:KEY` (chat-granted attributes are not included). */
async function rowPoliciesScript(subject: string, role: string, catalog: Catalog, configFolder: string) {
  const source = join(configFolder, 'entitlements.yaml');
  await loadSqlParser();
  const policies = compileRowPolicies(await loadEntitlements(configFolder), catalog, source);
  const [kind, ...rest] = subject.split(':');
  const name = rest.join(':');
  const key = name.toLowerCase().startsWith('email:') ? name.toLowerCase() : name;
  const filters = kind === 'group' ? resolveGroupRowFilters(name, policies) : resolveRowFiltersFor([key], policies);
  if (!filters) throw new CliError(`--row-policies: ${source} has no group "${name}" (groups: ${policies.groups.map((group) => group.name).join(', ') || 'none'}).`);
  return buildRowPoliciesSql({ catalog, policies, role, subject, filters });
}
