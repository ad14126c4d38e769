import { createRequire } from 'node:module';

/** SQL laid out for reading (PostgreSQL dialect); SQL the formatter cannot read is shown as it came. */

type Format = (sql: string, options: Record<string, unknown>) => string;
let format: Format | undefined;

export function formatSql(sql: string): string {
  try {
    // Loaded on first use: the formatter takes a third of a second to load, which commands that never show SQL skip.
    format ??= (createRequire(import.meta.url)('sql-formatter') as { format: Format }).format;
    return format(sql, { language: 'postgresql', keywordCase: 'preserve', expressionWidth: 60, linesBetweenQueries: 1 });
  } catch {
    return sql.trim();
  }
}
