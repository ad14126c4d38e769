import type { ColumnSource, RelationRef } from './analysis-types.ts';
import { fieldsOf, fieldsOrSelf, listOf, nameList, stringValue } from './nodes.ts';

/** The name scopes of a SELECT, as PostgreSQL resolves them: range entries, CTEs and USING-merged columns. */

export interface RangeColumn {
  name: string;
  sources: ColumnSource[];
}

export interface RangeEntry {
  /** The name the entry is referred to by: its alias, or the relation's name. */
  refName: string;
  relation: RelationRef | undefined;
  /** True when the alias hides the relation name (then `schema.table.col` cannot reach it). */
  aliased: boolean;
  columns: RangeColumn[];
  /** A function in FROM whose columns are not known: any column name resolves to it, with no base columns. */
  opaque: boolean;
}

export interface Scope {
  entries: RangeEntry[];
  parent: Scope | undefined;
  ctes: Map<string, RangeColumn[]>;
  /** Columns merged by USING or NATURAL: unqualified references to them are not ambiguous. */
  mergedColumns: Set<string>;
}


export function emptyScope(): Scope {
  return { entries: [], parent: undefined, ctes: new Map(), mergedColumns: new Set() };
}

export function lookupCte(scope: Scope, name: string): RangeColumn[] | undefined {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const columns = level.ctes.get(name);
    if (columns) return columns;
  }
  return undefined;
}

export function findEntry(scope: Scope, refName: string): RangeEntry | undefined {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const entry = level.entries.find((candidate) => candidate.refName === refName);
    if (entry) return entry;
  }
  return undefined;
}

export function findQualifiedEntry(scope: Scope, schema: string, table: string): RangeEntry | undefined {
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const entry = level.entries.find(
      (candidate) => !candidate.aliased && candidate.relation?.schema === schema && candidate.relation.name === table,
    );
    if (entry) return entry;
  }
  return undefined;
}

export function rename(columns: RangeColumn[], names: string[]): RangeColumn[] {
  if (names.length === 0) return columns;
  return columns.map((column, index) => ({ name: names[index] ?? column.name, sources: column.sources }));
}

export function dedupeMerged(columns: RangeColumn[], merged: string[]): RangeColumn[] {
  const result: RangeColumn[] = [];
  for (const column of columns) {
    const existing = merged.includes(column.name) ? result.find((candidate) => candidate.name === column.name) : undefined;
    if (existing) existing.sources = [...existing.sources, ...column.sources];
    else result.push({ name: column.name, sources: [...column.sources] });
  }
  return result;
}

export function singleColumnName(node: unknown): string | undefined {
  const fields = listOf(fieldsOf(node, 'ColumnRef')?.fields);
  return fields.length === 1 ? stringValue(fields[0]) : undefined;
}

export function derivedName(value: unknown): string {
  const columnRef = fieldsOf(value, 'ColumnRef');
  if (columnRef) return stringValue(listOf(columnRef.fields).at(-1)) ?? '?column?';
  const call = fieldsOf(value, 'FuncCall');
  if (call) return nameList(call.funcname).at(-1) ?? '?column?';
  const cast = fieldsOf(value, 'TypeCast');
  if (cast) return derivedName(cast.arg) === '?column?' ? nameList(fieldsOrSelf(cast.typeName, 'TypeName')?.names).at(-1) ?? '?column?' : derivedName(cast.arg);
  return '?column?';
}
