import type { Violation } from '../vocabulary/index.ts';
import type { ValidationProblem } from './validate-sql.ts';

/** Validation problems as policy violations, named after the rule they break. */
export function problemsAsViolations(problems: ValidationProblem[]): Violation[] {
  return problems.map((problem) => ({ rule: ruleFor(problem.code), message: problem.message, hint: hintFor(problem.code) }));
}

function ruleFor(code: ValidationProblem['code']): string {
  switch (code) {
    case 'not-select':
    case 'multiple-statements':
      return 'read-only';
    case 'unknown-table':
      return 'catalog';
    case 'unknown-column':
    case 'ambiguous-column':
      return 'schema';
    case 'unsupported':
      return 'unsupported';
    default:
      return 'syntax';
  }
}

function hintFor(code: ValidationProblem['code']): string {
  switch (code) {
    case 'not-select':
    case 'multiple-statements':
      return 'Only one read-only SELECT statement can be run; nothing was sent to the database.';
    case 'unknown-table':
      return 'Use only the tables the datasource exposes; system catalogs and other schemas are not available.';
    case 'unknown-column':
      return 'Use only columns that exist in the tables you read.';
    case 'ambiguous-column':
      return 'Qualify the column with its table alias.';
    case 'unsupported':
      return 'Rewrite the query without this construct.';
    default:
      return "Fix the SQL; it is parsed by PostgreSQL's own parser.";
  }
}
