import { format } from 'sql-formatter';

/** SQL laid out for reading (PostgreSQL dialect); SQL the formatter cannot read is shown as it came. */
export function formatSql(sql: string): string {
  try {
    return format(sql, { language: 'postgresql', keywordCase: 'preserve', expressionWidth: 60, linesBetweenQueries: 1 });
  } catch {
    return sql.trim();
  }
}
