import type { Catalog } from '../catalog/catalog.ts';
import { catalogResolver } from '../catalog/catalog.ts';
import type { AnalysisProblem, QueryAnalysis } from '../sql/analysis-types.ts';
import { analyzeSelect, describeStatement, type AnalyzeOptions } from '../sql/analyze-query.ts';
import { loadSqlParser, parseSql, type ParseNode } from '../sql/parse-sql.ts';

/** Stage: is this one read-only SELECT over tables and columns that exist? Parsed by PostgreSQL's own parser. */

export type ValidationProblemCode = AnalysisProblem['code'] | 'syntax' | 'too-long' | 'too-deep' | 'empty' | 'multiple-statements';

export interface ValidationProblem {
  code: ValidationProblemCode;
  message: string;
}

export type Validation =
  | { ok: true; sql: string; statement: ParseNode; analysis: QueryAnalysis }
  | { ok: false; sql: string; problems: ValidationProblem[] };

export async function validateSql(sql: string, catalog: Catalog, options: AnalyzeOptions = {}): Promise<Validation> {
  await loadSqlParser();
  const parsed = parseSql(sql);
  if (!parsed.ok) {
    const where = parsed.position !== undefined ? ` (at character ${parsed.position})` : '';
    return { ok: false, sql, problems: [{ code: parsed.reason, message: `${parsed.message}${where}` }] };
  }
  const statements = parsed.parsed.statements;
  if (statements.length === 0) return { ok: false, sql, problems: [{ code: 'empty', message: 'The SQL contains no statement.' }] };
  if (statements.length > 1) {
    const kinds = statements.map(describeStatement).join(', ');
    return {
      ok: false,
      sql,
      problems: [{ code: 'multiple-statements', message: `Exactly one statement can be run; this SQL has ${statements.length} (${kinds}).` }],
    };
  }
  const statement = statements[0] as ParseNode;
  const analysis = analyzeSelect(statement, catalogResolver(catalog), options);
  if (analysis.problems.length > 0) return { ok: false, sql, problems: analysis.problems };
  return { ok: true, sql, statement, analysis };
}
