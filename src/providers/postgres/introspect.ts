import type pg from 'pg';
import type { ColumnInfo, ForeignKey, SchemaSnapshot, TableInfo } from '../../ports/datasource.ts';
import { withReadOnlyTransaction } from './read-only-transaction.ts';

/**
 * Describes the tables and views of the configured schemas that the connecting role may read (at least one column),
 * with the columns it may read and the tables they inherit from: four catalog queries in one read-only transaction.
 */

const INTROSPECTION_TIMEOUT_MS = 30_000;

/** Ordinary, partitioned and foreign tables; views and materialized views. Partitions are left out (their parent is listed). */
const RELATIONS_SQL = `
SELECT c.oid AS table_oid, n.nspname AS schema_name, c.relname AS table_name, c.relkind::text AS relation_kind,
       pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
       c.reltuples::float8 AS row_estimate,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END AS view_definition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])
  AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
  AND NOT c.relispartition
  AND (pg_catalog.has_table_privilege(c.oid, 'SELECT') OR pg_catalog.has_any_column_privilege(c.oid, 'SELECT'))
ORDER BY n.nspname, c.relname`;

const COLUMNS_SQL = `
SELECT a.attrelid AS table_oid, a.attname AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type,
       NOT a.attnotnull AS nullable,
       pg_catalog.col_description(a.attrelid, a.attnum) AS comment
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
  AND pg_catalog.has_column_privilege(a.attrelid, a.attnum, 'SELECT')
ORDER BY a.attrelid, a.attnum`;

const CONSTRAINTS_SQL = `
SELECT con.conrelid AS table_oid, con.contype::text AS constraint_kind,
       ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.position) AS column_names,
       rn.nspname AS referenced_schema, rc.relname AS referenced_table,
       ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.position) AS referenced_columns
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'f')
ORDER BY con.conrelid, con.conname`;

/** Direct parents of the listed tables (table inheritance; partitions are not listed at all). */
const PARENTS_SQL = `
SELECT i.inhrelid AS table_oid, pn.nspname AS parent_schema, p.relname AS parent_table
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE i.inhrelid = ANY($1::oid[])
ORDER BY i.inhrelid, i.inhseqno`;

interface ParentRow {
  table_oid: number;
  parent_schema: string;
  parent_table: string;
}

interface RelationRow {
  table_oid: number;
  schema_name: string;
  table_name: string;
  relation_kind: string;
  comment: string | null;
  row_estimate: number;
  view_definition: string | null;
}

interface ColumnRow {
  table_oid: number;
  column_name: string;
  data_type: string;
  nullable: boolean;
  comment: string | null;
}

interface ConstraintRow {
  table_oid: number;
  constraint_kind: string;
  column_names: string[];
  referenced_schema: string | null;
  referenced_table: string | null;
  referenced_columns: string[];
}

export async function introspectSchemas(pool: pg.Pool, schemas: readonly string[]): Promise<SchemaSnapshot> {
  return withReadOnlyTransaction(pool, { statementTimeoutMs: INTROSPECTION_TIMEOUT_MS }, async (client) => {
    const relations = await client.query<RelationRow>({ text: RELATIONS_SQL, values: [[...schemas]] });
    const tableOids = relations.rows.map((row) => row.table_oid);
    const columns = await client.query<ColumnRow>({ text: COLUMNS_SQL, values: [tableOids] });
    const constraints = await client.query<ConstraintRow>({ text: CONSTRAINTS_SQL, values: [tableOids] });
    const parents = await client.query<ParentRow>({ text: PARENTS_SQL, values: [tableOids] });
    const version = await client.query<{ server_version: number }>("SELECT pg_catalog.current_setting('server_version_num')::int AS server_version");

    const columnsByTable = groupBy(columns.rows, (row) => row.table_oid);
    const constraintsByTable = groupBy(constraints.rows, (row) => row.table_oid);
    const parentsByTable = groupBy(parents.rows, (row) => row.table_oid);
    const tables = relations.rows.map((relation): TableInfo => {
      const isView = relation.relation_kind === 'v' || relation.relation_kind === 'm';
      const tableConstraints = constraintsByTable.get(relation.table_oid) ?? [];
      return {
        schema: relation.schema_name,
        name: relation.table_name,
        kind: isView ? 'view' : 'table',
        comment: relation.comment,
        rowEstimate: relation.relation_kind === 'v' ? -1 : relation.row_estimate,
        columns: (columnsByTable.get(relation.table_oid) ?? []).map(
          (column): ColumnInfo => ({ name: column.column_name, dataType: column.data_type, nullable: column.nullable, comment: column.comment }),
        ),
        primaryKey: tableConstraints.find((constraint) => constraint.constraint_kind === 'p')?.column_names ?? [],
        foreignKeys: tableConstraints
          .filter((constraint) => constraint.constraint_kind === 'f')
          .map(
            (constraint): ForeignKey => ({
              columns: constraint.column_names,
              referencedSchema: constraint.referenced_schema ?? '',
              referencedTable: constraint.referenced_table ?? '',
              referencedColumns: constraint.referenced_columns,
            }),
          ),
        viewDefinition: isView ? relation.view_definition : null,
        ...(parentsByTable.has(relation.table_oid) ? { parents: (parentsByTable.get(relation.table_oid) ?? []).map((row) => ({ schema: row.parent_schema, name: row.parent_table })) } : {}),
      };
    });
    return { serverVersion: version.rows[0]?.server_version ?? 0, tables };
  });
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
