import type { ForeignKey } from '../ports/datasource.ts';
import type { RelationResolver, ResolvedRelation } from '../sql/analysis-types.ts';
import type { MetricToken } from './metric-expression.ts';

/** The datasource's tables as the assistant knows them: introspection merged with the semantic model. */

export interface CatalogColumn {
  name: string;
  dataType: string;
  nullable: boolean;
  description: string | null;
  synonyms: string[];
  pii: boolean;
  unit: string | null;
}

/** A declared foreign key, or one inferred from names and confirmed on the data (`inferred: true`). */
export interface CatalogForeignKey extends ForeignKey {
  inferred?: true | undefined;
}

export interface CatalogTable {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  description: string | null;
  synonyms: string[];
  /** Declared `large: true`, or estimated above `limits.largeTableRows`. */
  large: boolean;
  rowEstimate: number;
  columns: CatalogColumn[];
  primaryKey: string[];
  foreignKeys: CatalogForeignKey[];
  viewDefinition: string | null;
  /** The tables it inherits from (`INHERITS`): a row filter on a parent applies to its children too. */
  parents?: { schema: string; name: string }[] | undefined;
}

/** A named figure from the semantic model: `aggregate` of `expression` over one table's rows. */
export interface CatalogMetric {
  name: string;
  description: string | null;
  synonyms: string[];
  schema: string;
  table: string;
  /** The expression as read: columns of the table and a closed set of operators and functions. */
  tokens: MetricToken[];
  columns: string[];
  aggregate: 'sum' | 'avg' | 'min' | 'max';
  unit: string | null;
}

export interface Catalog {
  datasource: string;
  /** Schemas searched for unqualified names, in order. */
  searchPath: string[];
  tables: CatalogTable[];
  /** What people call the database as a whole ("the shop"), from the semantic model. */
  synonyms?: string[] | undefined;
  metrics?: CatalogMetric[] | undefined;
  /** ISO 4217 code of the money columns (`unit: cents`), from the semantic model; USD when absent. */
  currency?: string | undefined;
}

export function findTable(catalog: Catalog, schema: string | undefined, name: string): CatalogTable | undefined {
  if (schema !== undefined) return catalog.tables.find((table) => table.schema === schema && table.name === name);
  for (const searched of catalog.searchPath) {
    const table = catalog.tables.find((candidate) => candidate.schema === searched && candidate.name === name);
    if (table) return table;
  }
  return undefined;
}

export function findColumn(catalog: Catalog, schema: string, table: string, column: string): CatalogColumn | undefined {
  return findTable(catalog, schema, table)?.columns.find((candidate) => candidate.name === column);
}

/** Resolves names exactly as PostgreSQL would within the exposed schemas; everything else is unknown. */
export function catalogResolver(catalog: Catalog): RelationResolver {
  return {
    resolve(schema, name): ResolvedRelation | undefined {
      // An unqualified name that PostgreSQL would find in pg_catalog first is never a user table.
      if (schema === undefined && name.startsWith('pg_')) return undefined;
      const table = findTable(catalog, schema, name);
      if (!table) return undefined;
      return {
        schema: table.schema,
        name: table.name,
        kind: table.kind,
        columns: table.columns.map((column) => column.name),
        viewDefinition: table.viewDefinition,
      };
    },
  };
}

/** `schema.table` when the schema is not the first on the search path, else just `table`. */
export function displayName(catalog: Catalog, table: { schema: string; name: string }): string {
  return catalog.searchPath[0] === table.schema ? table.name : `${table.schema}.${table.name}`;
}
