/**
 * A PostgreSQL identifier as SQL text: always double-quoted, inner double quotes doubled, so any name (mixed case,
 * spaces, keywords, quotes) means exactly itself. A NUL character cannot be part of a name and is refused.
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new RangeError('An identifier must be non-empty and hold no NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."name"`. */
export function quoteQualifiedName(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}
