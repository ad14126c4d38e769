/**
 * Makes a parsed PostgreSQL value JSON-friendly: Dates (timestamptz) become ISO strings, bytea becomes hex,
 * non-finite numbers (`NaN`, `Infinity`) become strings; int8 and numeric already arrive as strings.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (Array.isArray(value)) return value.map(toJsonValue);
  return JSON.stringify(value);
}
