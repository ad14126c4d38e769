import { catalogResolver, displayName, findTable, type Catalog, type CatalogTable } from '../../catalog/catalog.ts';
import { ConfigError } from '../../config/config-error.ts';
import type { Attributes, EntitlementsFile, RowFilters } from '../../config/entitlements.ts';
import { analyzeSelect } from '../../sql/analyze-query.ts';
import { isNode } from '../../sql/nodes.ts';
import { parseFilterExpression, type FilterExpression } from '../../sql/parse-filter-expression.ts';
import type { ParseNode } from '../../sql/parse-sql.ts';
import { isSetReturningFunction } from '../../sql/table-functions.ts';
import { isAggregateOrWindowFunction, isAllowedFunction } from '../allowed-functions.ts';
import { filteredSelect } from './filtered-select.ts';

/**
 * The row filters of `configs/entitlements.yaml`, parsed and checked once, at start-up, against the datasource's
 * catalog: each is one boolean expression over its table's own columns (no subquery, aggregate, window or
 * set-returning function; only the functions questions may call), and each `:name` is an attribute the file gives
 * someone. Every problem names the file and the key; all of them are reported together.
 */

export interface CompiledRowFilter {
  /** The policy's name as people see it: the group's name, `user <key>`, or `default`. */
  policy: string;
  /** Where it is written: `groups.sales.rowFilters.orders`. */
  key: string;
  table: { schema: string; name: string };
  /** `orders`, or `sales.orders` outside the first schema of the search path. */
  tableName: string;
  filter: FilterExpression;
}

export interface RowPolicies {
  groups: { name: string; members: string[]; attributes: Attributes; filters: CompiledRowFilter[] }[];
  users: { key: string; filters: CompiledRowFilter[] }[];
  /** Attributes per user key, as listed. */
  attributes: { key: string; attributes: Attributes }[];
  defaults: CompiledRowFilter[];
  /** Every attribute name the file gives anyone: a filter may use only these, and chat grants add values only to them. */
  attributeNames: ReadonlySet<string>;
}

export const noRowPolicies: RowPolicies = { groups: [], users: [], attributes: [], defaults: [], attributeNames: new Set() };

export function compileRowPolicies(file: EntitlementsFile, catalog: Catalog, source = 'configs/entitlements.yaml'): RowPolicies {
  const problems: string[] = [];
  const attributeNames = new Set([
    ...Object.values(file.attributes ?? {}).flatMap((attributes) => Object.keys(attributes)),
    ...Object.values(file.groups).flatMap((group) => Object.keys(group.attributes ?? {})),
  ]);
  const compileAll = (filters: RowFilters | undefined, path: string, policy: string): CompiledRowFilter[] =>
    Object.entries(filters ?? {}).flatMap(([written, text]) => {
      const key = `${path}.${written}`;
      // `warehouse:orders` is for the datasource "warehouse" only.
      const [datasource, table] = written.includes(':') ? (written.split(':', 2) as [string, string]) : [catalog.datasource, written];
      if (datasource !== catalog.datasource) return [];
      const compiled = compileRowFilter(text, table, catalog, attributeNames);
      if (typeof compiled === 'string') {
        problems.push(`${source}: ${key}: ${compiled}`);
        return [];
      }
      return [{ policy, key, ...compiled }];
    });
  const policies: RowPolicies = {
    groups: Object.entries(file.groups).map(([name, group]) => ({
      name,
      members: group.members,
      attributes: group.attributes ?? {},
      filters: compileAll(group.rowFilters, `groups.${name}.rowFilters`, name),
    })),
    users: Object.entries(file.rowFilters ?? {}).map(([key, filters]) => ({ key, filters: compileAll(filters, `rowFilters.${key}`, `user ${key}`) })),
    attributes: Object.entries(file.attributes ?? {}).map(([key, attributes]) => ({ key, attributes })),
    defaults: compileAll(file.defaultRowFilters, 'defaultRowFilters', 'default'),
    attributeNames,
  };
  if (problems.length > 0) throw new ConfigError(`Invalid row filters in ${source}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  return policies;
}

/** The filter compiled, or what is wrong with it. */
function compileRowFilter(text: string, tableKey: string, catalog: Catalog, attributeNames: ReadonlySet<string>): Omit<CompiledRowFilter, 'policy' | 'key'> | string {
  const [schema, name] = tableKey.includes('.') ? (tableKey.split('.', 2) as [string, string]) : [undefined, tableKey];
  const table = schema === undefined && name.startsWith('pg_') ? undefined : findTable(catalog, schema, name);
  if (!table) return `the datasource "${catalog.datasource}" has no table "${tableKey}" (schemas ${catalog.searchPath.join(', ')})`;
  if (table.kind === 'view') return `"${tableKey}" is a view: filter the tables it reads instead (a view that reads a filtered table is expanded, so their filters apply through it)`;
  const parsed = parseFilterExpression(text, table);
  if (!parsed.ok) return `"${text}": ${parsed.message}`;
  const problem = expressionProblem(parsed.filter, table, catalog, attributeNames);
  if (problem) return `"${text}": ${problem}`;
  return { table: { schema: table.schema, name: table.name }, tableName: displayName(catalog, table), filter: parsed.filter };
}

function expressionProblem(filter: FilterExpression, table: CatalogTable, catalog: Catalog, attributeNames: ReadonlySet<string>): string | undefined {
  if (contains(filter.expression, 'SubLink')) return 'a row filter reads its own table only: no subquery';
  const analysis = analyzeSelect(filteredSelect(table, filter.expression, true), catalogResolver(catalog));
  const [first] = analysis.problems;
  if (first) return first.message.replace(' in the tables this query reads', ` in "${table.name}"`);
  for (const used of analysis.functions) {
    if (isAggregateOrWindowFunction(used.name)) return `${used.name}() is an aggregate or window function; a row filter looks at one row at a time`;
    if (isSetReturningFunction(used.name)) return `${used.name}() returns rows; a row filter is one boolean expression`;
    if (!isAllowedFunction(used.name)) return `the function ${used.name}() is not allowed (row filters may call what questions may: see src/governance/allowed-functions.ts)`;
  }
  const unknown = filter.parameters.filter((parameter) => !attributeNames.has(parameter));
  if (unknown.length > 0) {
    const known = attributeNames.size > 0 ? `attributes given in this file: ${[...attributeNames].sort().join(', ')}` : 'no attribute is given in this file';
    return `unknown attribute ${unknown.map((parameter) => `:${parameter}`).join(', ')} (${known}; give it under attributes: or a group's attributes:)`;
  }
  return undefined;
}

function contains(value: unknown, type: string): boolean {
  if (Array.isArray(value)) return value.some((item) => contains(item, type));
  if (!isNode(value)) return false;
  return type in value || Object.values(value as ParseNode).some((child) => contains(child, type));
}
