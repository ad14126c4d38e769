/** What the query analyzer reports about one SELECT statement. */

export interface RelationRef {
  schema: string;
  name: string;
}

/** A base column: a column of a table or view that the datasource exposes. */
export interface ColumnSource {
  schema: string;
  table: string;
  column: string;
}

/** How a column was reached: named, expanded from `*`/`t.*`, or inside a whole-row reference (`SELECT t`, `to_jsonb(t)`). */
export type ColumnUseKind = 'explicit' | 'star' | 'whole-row';

export type Clause = 'select' | 'from' | 'join' | 'where' | 'group' | 'having' | 'window' | 'order' | 'limit' | 'values' | 'other';

export interface ColumnUse extends ColumnSource {
  kind: ColumnUseKind;
  clause: Clause;
}

export interface FunctionUse {
  /** The name as written, lower-cased by the parser unless quoted: `pg_sleep`, `pg_catalog.now`. */
  name: string;
  schema: string | undefined;
}

export type AnalysisProblemCode =
  | 'not-select'
  | 'unknown-table'
  | 'unknown-column'
  | 'ambiguous-column'
  | 'unsupported';

export interface AnalysisProblem {
  code: AnalysisProblemCode;
  message: string;
}

export interface OutputColumn {
  name: string;
  sources: ColumnSource[];
}

/** A `*` or `t.*` in a select list: what it expanded to, and where it sits, so a rule can rewrite it. */
export interface StarExpansion {
  /** The select list array that holds the star (the parse tree's own array, for in-place rewriting). */
  targetList: unknown[];
  /** The `ResTarget` node of the star within `targetList`. */
  target: unknown;
  columns: { qualifier: string; name: string; sources: ColumnSource[] }[];
}

export interface QueryAnalysis {
  relations: RelationRef[];
  columnUses: ColumnUse[];
  functions: FunctionUse[];
  problems: AnalysisProblem[];
  outputColumns: OutputColumn[];
  starExpansions: StarExpansion[];
}

/** A table or view as the analyzer needs it: its columns and, for a view, its definition. */
export interface ResolvedRelation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: string[];
  viewDefinition: string | null;
}

/** Looks relations up by name: the catalog implements it over what the datasource exposes. */
export interface RelationResolver {
  /** `schema` is undefined for an unqualified name: the resolver applies the search path. */
  resolve(schema: string | undefined, name: string): ResolvedRelation | undefined;
}
