import type { AttributeValue, Attributes } from '../../config/entitlements.ts';
import type { ChatGrant } from '../../ports/grant-store.ts';
import type { ParseNode } from '../../sql/parse-sql.ts';
import type { Actor } from '../../vocabulary/actor.ts';
import { identityKeys, matches } from '../entitlements.ts';
import { parseAttributeGrant } from './attribute-grant.ts';
import { anyOf, bindRowFilter, falseExpression } from './bind-row-filter.ts';
import type { CompiledRowFilter, RowPolicies } from './compile-row-policies.ts';

/**
 * The row filters that apply to one asker, resolved again for every request and at Run, for whoever clicks: per
 * table, the filters of every user entry and group the asker matches, ORed (a member of two groups sees the rows of
 * both); for a table none of them filters, the default filter, if any; otherwise all rows. A group's filter takes the
 * group's attributes first, then the asker's (from `attributes:` and chat grants); a filter that cannot be bound (an
 * attribute the asker lacks) shows no rows.
 */

export interface TableRowFilter {
  table: { schema: string; name: string };
  /** `sales-iberia on customers`: what applies, by name, never by value. */
  policies: string[];
  /** The bound filter: constants only. */
  expression: ParseNode;
}

export interface RowFilterSet {
  /** By `schema.table`. */
  tables: ReadonlyMap<string, TableRowFilter>;
}

export const noRowFilters: RowFilterSet = { tables: new Map() };

export function tableKey(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

export function resolveRowFilters(actor: Actor, policies: RowPolicies, grants: ChatGrant[] = []): RowFilterSet {
  return resolveRowFiltersFor(identityKeys(actor), policies, grants);
}

/** The same for the names someone is listed under (`slack:T1:U2`, `email:ana@example.com`). */
export function resolveRowFiltersFor(keys: string[], policies: RowPolicies, grants: ChatGrant[] = []): RowFilterSet {
  const own = ownAttributes(keys, policies, grants);
  const sources: Source[] = [];
  for (const user of policies.users) if (matches(keys, user.key)) for (const filter of user.filters) sources.push({ filter, valuesOf: own });
  for (const group of policies.groups) {
    if (!group.members.some((listed) => matches(keys, listed))) continue;
    const valuesOf = (name: string) => (Object.hasOwn(group.attributes, name) ? values(group.attributes[name]) : own(name));
    for (const filter of group.filters) sources.push({ filter, valuesOf });
  }
  return combine(sources, policies, own);
}

/**
 * What a group as a whole may read (a database role per group, `sql-eval db grants --row-policies group:NAME`): its
 * filters with its own attributes only, no member's; the defaults elsewhere. Undefined for an unknown group.
 */
export function resolveGroupRowFilters(name: string, policies: RowPolicies): RowFilterSet | undefined {
  const group = policies.groups.find((candidate) => candidate.name === name);
  if (!group) return undefined;
  const valuesOf = (attribute: string) => (Object.hasOwn(group.attributes, attribute) ? values(group.attributes[attribute]) : []);
  return combine(group.filters.map((filter) => ({ filter, valuesOf })), policies, valuesOf);
}

type Source = { filter: CompiledRowFilter; valuesOf: (name: string) => AttributeValue[] };

/** The sources' filters ORed per table, and the defaults for the tables none of them filters. */
function combine(sources: Source[], policies: RowPolicies, defaultValues: (name: string) => AttributeValue[]): RowFilterSet {
  const explicit = new Set(sources.map(({ filter }) => tableKey(filter.table)));
  for (const filter of policies.defaults) if (!explicit.has(tableKey(filter.table))) sources.push({ filter, valuesOf: defaultValues });

  const bound = new Map<string, { table: TableRowFilter['table']; policies: string[]; expressions: ParseNode[] }>();
  for (const { filter, valuesOf } of sources) {
    const key = tableKey(filter.table);
    const entry = bound.get(key) ?? { table: filter.table, policies: [], expressions: [] };
    const result = bindRowFilter(filter.filter, valuesOf);
    entry.policies.push(`${filter.policy} on ${filter.tableName}${result.ok ? '' : ` (${result.reason}: no rows)`}`);
    entry.expressions.push(result.ok ? result.expression : falseExpression);
    bound.set(key, entry);
  }
  const tables = new Map<string, TableRowFilter>();
  for (const [key, entry] of bound) tables.set(key, { table: entry.table, policies: entry.policies, expression: anyOf(entry.expressions) });
  return { tables };
}

/** The asker's own attribute values: every `attributes:` entry they match, and their chat grants of attributes. */
function ownAttributes(keys: string[], policies: RowPolicies, grants: ChatGrant[]): (name: string) => AttributeValue[] {
  const collected = new Map<string, AttributeValue[]>();
  const add = (name: string, value: AttributeValue | AttributeValue[]) => collected.set(name, [...(collected.get(name) ?? []), ...values(value)]);
  for (const entry of policies.attributes) if (matches(keys, entry.key)) for (const [name, value] of Object.entries(entry.attributes)) add(name, value);
  for (const grant of grants) {
    const attribute = keys.includes(grant.grantee) ? parseAttributeGrant(grant.entitlement) : undefined;
    if (attribute && policies.attributeNames.has(attribute.name)) add(attribute.name, attribute.value);
  }
  return (name) => collected.get(name) ?? [];
}

function values(value: Attributes[string] | undefined): AttributeValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
