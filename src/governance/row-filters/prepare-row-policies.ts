import { deparseSync } from 'pgsql-deparser';
import type { Catalog } from '../../catalog/catalog.ts';
import { ConfigError } from '../../config/config-error.ts';
import type { AttributeValue, EntitlementsFile } from '../../config/entitlements.ts';
import { DatasourceError, type Datasource, type ExplainOptions } from '../../ports/datasource.ts';
import { loadSqlParser } from '../../sql/parse-sql.ts';
import { bindRowFilter } from './bind-row-filter.ts';
import { compileRowPolicies, type CompiledRowFilter, type RowPolicies } from './compile-row-policies.ts';
import { filteredSelect } from './filtered-select.ts';

/**
 * The row policies for a runtime, checked at start-up twice: compiled against the catalog (syntax, columns, functions,
 * attributes), then each filter, bound with a value the file gives each of its attributes, EXPLAINed on the database
 * as the subquery it becomes, so one PostgreSQL would reject (text compared with an integer) stops the start instead
 * of failing questions. Every problem names the file and the key. No filter, no query.
 */
export async function prepareRowPolicies(file: EntitlementsFile, catalog: Catalog, datasource: Datasource, options: ExplainOptions, source: string): Promise<RowPolicies> {
  await loadSqlParser();
  const policies = compileRowPolicies(file, catalog, source);
  const problems: string[] = [];
  for (const { filter, attributes } of filtersWithSampleValues(policies)) {
    const bound = bindRowFilter(filter.filter, (name) => attributes(name));
    if (!bound.ok) continue;
    const sql = deparseSync(filteredSelect(filter.table, bound.expression, true) as never, { pretty: false });
    try {
      await datasource.explain(sql, options);
    } catch (error) {
      if (!(error instanceof DatasourceError) || error.code === 'unavailable' || error.code === 'overloaded') throw error;
      problems.push(`${source}: ${filter.key}: the database rejects this filter: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid row filters in ${source}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  return policies;
}

/** Each filter with, for each attribute, the first value its group gives it, else the first any user has. */
function filtersWithSampleValues(policies: RowPolicies): { filter: CompiledRowFilter; attributes: (name: string) => AttributeValue[] }[] {
  const anyone = (name: string): AttributeValue[] => {
    for (const source of [...policies.attributes.map((entry) => entry.attributes), ...policies.groups.map((group) => group.attributes)]) {
      const value = Object.hasOwn(source, name) ? source[name] : undefined;
      if (value !== undefined) return (Array.isArray(value) ? value : [value]).slice(0, 1);
    }
    return [];
  };
  const own = (attributes: Record<string, AttributeValue | AttributeValue[]>) => (name: string) => {
    const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    return value === undefined ? anyone(name) : (Array.isArray(value) ? value : [value]).slice(0, 1);
  };
  return [
    ...policies.groups.flatMap((group) => group.filters.map((filter) => ({ filter, attributes: own(group.attributes) }))),
    ...[...policies.users.flatMap((user) => user.filters), ...policies.defaults].map((filter) => ({ filter, attributes: anyone })),
  ];
}
