import type pg from 'pg';
import type { ResultColumn } from '../../ports/datasource.ts';

/** Names result columns' types as `format_type` prints them (`numeric(10,2)`), caching type OIDs per datasource. */
export class ResultColumnTypes {
  private readonly names = new Map<string, string>();

  async describe(client: pg.ClientBase, fields: readonly pg.FieldDef[]): Promise<ResultColumn[]> {
    const missing = fields.filter((field) => !this.names.has(cacheKey(field)));
    if (missing.length > 0) {
      const result = await client.query<{ name: string }>({
        text: `SELECT pg_catalog.format_type(t.type_oid, t.type_modifier) AS name
               FROM ROWS FROM (pg_catalog.unnest($1::pg_catalog.oid[]), pg_catalog.unnest($2::pg_catalog.int4[])) WITH ORDINALITY AS t(type_oid, type_modifier, position)
               ORDER BY t.position`,
        values: [missing.map((field) => field.dataTypeID), missing.map((field) => field.dataTypeModifier)],
      });
      missing.forEach((field, index) => this.names.set(cacheKey(field), result.rows[index]?.name ?? `oid ${field.dataTypeID}`));
    }
    return fields.map((field) => ({ name: field.name, dataType: this.names.get(cacheKey(field)) ?? `oid ${field.dataTypeID}` }));
  }
}

function cacheKey(field: pg.FieldDef): string {
  return `${field.dataTypeID}:${field.dataTypeModifier}`;
}
