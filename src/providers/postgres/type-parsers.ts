import pg from 'pg';

/**
 * Result parsing for the datasource's pool. Types whose node-postgres parsing loses information or depends on the
 * process time zone stay as PostgreSQL prints them: `date` and `timestamp` (no zone) would become local-time Dates,
 * `interval`, `point` and `circle` would become objects, and `json`/`jsonb` stay text so every cell is a scalar.
 */

const KEEP_TEXT = new Set<number>([
  1082, // date
  1114, // timestamp without time zone
  1186, // interval
  114, // json
  3802, // jsonb
  600, // point
  718, // circle
]);

/** Arrays of the types above: split into elements, each kept as text. */
const KEEP_TEXT_ARRAYS = new Set<number>([1182, 1115, 1187, 199, 3807, 1017, 719]);

/** `text[]`: its parser splits any array literal into strings. */
const TEXT_ARRAY_OID = 1009 as Parameters<typeof pg.types.getTypeParser>[0];

function keepText(value: string): string {
  return value;
}

export const datasourceTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (KEEP_TEXT.has(oid)) return keepText;
      if (KEEP_TEXT_ARRAYS.has(oid)) return pg.types.getTypeParser(TEXT_ARRAY_OID, 'text');
    }
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};
