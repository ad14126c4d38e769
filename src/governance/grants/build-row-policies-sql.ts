import { deparseSync } from 'pgsql-deparser';
import type { Catalog, CatalogTable } from '../../catalog/catalog.ts';
import { quoteIdentifier, quoteQualifiedName } from '../../sql/quote-identifier.ts';
import { combinedRowFilter } from '../row-filters/apply-row-filters.ts';
import type { RowPolicies } from '../row-filters/compile-row-policies.ts';
import { tableKey, type RowFilterSet } from '../row-filters/resolve-row-filters.ts';

/**
 * PostgreSQL row-level security for one database role standing for a group or a person: the same filters the policy
 * agent applies, as `CREATE POLICY … FOR SELECT TO role USING (…)` on every table that has a filter for anyone (and
 * on the tables that inherit from one). It is the optional, independent last layer: whatever the rewrite let through,
 * PostgreSQL shows the role only these rows. Row-level security is enabled per table, for every role that is not its
 * owner, a superuser or BYPASSRLS: each role that reads these tables then needs a policy of its own (`true` for
 * everything), which is why one is written for every such table, even where this role is not filtered.
 */

export interface RowPoliciesSqlInput {
  catalog: Catalog;
  policies: RowPolicies;
  /** The role the policies are for (`sql-eval db grants --role`). */
  role: string;
  /** Whose filters: `group:sales-iberia` or `user:slack:T1:U2`, for the comments. */
  subject: string;
  filters: RowFilterSet;
}

export interface RowPolicyStatement {
  schema: string;
  name: string;
  /** The USING expression: the bound filter, or `true`. */
  using: string;
  /** The row policies it comes from, by name; empty for `true`. */
  policies: string[];
}

export function buildRowPoliciesSql(input: RowPoliciesSqlInput): { sql: string; tables: RowPolicyStatement[] } {
  const roleName = quoteIdentifier(input.role);
  const tables = rowSecuredTables(input.catalog, input.policies).map((table): RowPolicyStatement => {
    const filter = combinedRowFilter(table, input.filters, input.catalog);
    const using = filter ? deparseSync(filter.expression as never, { pretty: false }) : 'true';
    return { schema: table.schema, name: table.name, using, policies: filter?.policies ?? [] };
  });
  const lines = [
    '',
    `-- Row-level security for ${roleName}: the row filters of ${input.subject} in entitlements.yaml (optional; the policy`,
    '-- agent applies the same filters to every query). ENABLE ROW LEVEL SECURITY applies to every role except the',
    "-- table's owner, superusers and BYPASSRLS roles: a role with no policy on these tables sees none of their rows, so",
    '-- run this for every role that reads them. Re-run it after entitlements.yaml changes.',
    ...tables.flatMap((table) => {
      const target = quoteQualifiedName(table.schema, table.name);
      return [
        `ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY;`,
        `DROP POLICY IF EXISTS ${roleName} ON ${target};`,
        ...(table.policies.length > 0 ? [`-- ${table.policies.join('; ')}`] : []),
        `CREATE POLICY ${roleName} ON ${target} AS PERMISSIVE FOR SELECT TO ${roleName} USING (${table.using});`,
      ];
    }),
  ];
  return { sql: `${lines.join('\n')}\n`, tables };
}

/** Every table some filter of the file names (a group's, a person's, a default), and the tables that inherit from one. */
function rowSecuredTables(catalog: Catalog, policies: RowPolicies): CatalogTable[] {
  const named = new Set([...policies.groups.flatMap((group) => group.filters), ...policies.users.flatMap((user) => user.filters), ...policies.defaults].map((filter) => tableKey(filter.table)));
  const secured = (table: CatalogTable, seen: Set<string>): boolean => {
    const key = tableKey(table);
    if (named.has(key)) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return (table.parents ?? []).some((parent) => {
      const parentTable = catalog.tables.find((candidate) => candidate.schema === parent.schema && candidate.name === parent.name);
      return parentTable !== undefined && secured(parentTable, seen);
    });
  };
  return catalog.tables.filter((table) => table.kind === 'table' && secured(table, new Set())).sort((left, right) => tableKey(left).localeCompare(tableKey(right)));
}
