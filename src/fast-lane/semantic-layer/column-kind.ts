/** What a column's PostgreSQL type (as `format_type` prints it) lets the fast lane do with it. */

export type ColumnKind = 'number' | 'integer' | 'date' | 'timestamp' | 'boolean' | 'text' | 'other';

const integerTypes = new Set(['smallint', 'integer', 'bigint', 'int2', 'int4', 'int8']);
const numberTypes = new Set(['real', 'double precision', 'float4', 'float8', 'money']);
const unusableTypes = new Set([
  'json', 'jsonb', 'bytea', 'uuid', 'xml', 'tsvector', 'tsquery', 'interval', 'inet', 'cidr', 'macaddr', 'macaddr8',
  'point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'oid', 'time without time zone', 'time with time zone',
  'bit', 'bit varying', 'pg_lsn', 'txid_snapshot', 'regclass',
]);

export function columnKind(dataType: string): ColumnKind {
  const type = dataType.toLowerCase().trim();
  if (type.endsWith('[]')) return 'other';
  const base = type.replace(/\(.*\)$/, '').trim();
  if (integerTypes.has(base)) return 'integer';
  if (numberTypes.has(base) || base === 'numeric' || base === 'decimal') return 'number';
  if (base === 'date') return 'date';
  if (base.startsWith('timestamp')) return 'timestamp';
  if (base === 'boolean' || base === 'bool') return 'boolean';
  if (base === 'text' || base === 'citext' || base === 'name' || base.startsWith('character') || base.startsWith('varchar') || base.startsWith('char')) {
    return 'text';
  }
  if (unusableTypes.has(base) || base.startsWith('time ') || base.startsWith('bit')) return 'other';
  // A single-word type we do not know is most likely an enum; the value index reads it as text.
  return /^[a-z_][a-z0-9_."]*$/.test(base) ? 'text' : 'other';
}

export function isNumeric(kind: ColumnKind): boolean {
  return kind === 'number' || kind === 'integer';
}

export function isTemporal(kind: ColumnKind): boolean {
  return kind === 'date' || kind === 'timestamp';
}
