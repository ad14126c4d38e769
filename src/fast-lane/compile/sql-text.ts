import { quoteIdentifier } from '../../sql/quote-identifier.ts';

/**
 * SQL text for the fast lane's compiler: identifiers quoted only when PostgreSQL needs it (so the SQL stays readable),
 * literals always single-quoted with inner quotes doubled. Nothing a user typed reaches SQL any other way.
 */

/** Words PostgreSQL reserves (or that read badly unquoted): identifiers spelled like these are quoted. */
const reservedWords = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'between', 'binary',
  'both', 'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create', 'cross',
  'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'freeze', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner', 'intersect',
  'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps', 'placing',
  'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some', 'symmetric',
  'system_user', 'table', 'tablesample', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using',
  'variadic', 'verbose', 'when', 'where', 'window', 'with', 'year', 'month', 'day', 'hour', 'minute', 'second',
  'value', 'values', 'position', 'time', 'timestamp', 'interval', 'char', 'character', 'varchar', 'int', 'integer',
  'numeric', 'decimal', 'boolean', 'bigint', 'smallint', 'real', 'float', 'national', 'none', 'nchar', 'setof', 'row',
  'trim', 'substring', 'overlay', 'extract', 'exists', 'coalesce', 'greatest', 'least', 'nullif', 'xmlattributes',
]);

/** An identifier as SQL: bare when it is a plain lower-case name that is not a keyword, double-quoted otherwise. */
export function sqlIdentifier(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !reservedWords.has(name)) return name;
  return quoteIdentifier(name);
}

/** A string literal: single quotes doubled; a NUL character cannot be sent and is refused. */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new RangeError('A literal cannot hold a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A finite number as SQL text; anything else is refused. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('Only finite numbers can be written as SQL');
  return String(value);
}

/** A calendar date literal, YYYY-MM-DD, checked to be one. */
export function sqlDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`Not a date: ${isoDate}`);
  return `'${isoDate}'`;
}

/** A column alias made of lower-case words: `total_euros`, `orders`; always a safe bare identifier. */
export function sqlAlias(words: string[]): string {
  const alias = words
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const safe = alias === '' || /^[0-9]/.test(alias) ? `value_${alias}` : alias;
  return sqlIdentifier(safe.slice(0, 60));
}
