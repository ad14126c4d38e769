import { scanSync } from 'libpg-query';
import { fieldsOf, isNode, listOf } from './nodes.ts';
import { parseSql, type ParseNode } from './parse-sql.ts';
import { quoteQualifiedName } from './quote-identifier.ts';

/**
 * A boolean expression written in a config file (a row filter: `region = :region AND status <> 'draft'`), parsed by
 * PostgreSQL's own parser as the WHERE of `SELECT * FROM <table> WHERE (…)`. `:name` placeholders become parameters
 * (`$1`, `$2`, … in the tree) found with PostgreSQL's own scanner, so a colon inside a string literal or a `::` cast
 * is never one. Nothing but the expression may come out: a second statement, another clause or a set operation
 * smuggled in through a closing parenthesis is refused. Call `loadSqlParser()` first.
 */

export interface FilterExpression {
  /** The expression's parse tree; placeholder `i` is `{ ParamRef: { number: i + 1 } }`. */
  expression: ParseNode;
  /** The attribute names of the placeholders, in parameter order. */
  parameters: string[];
}

export type FilterParse = { ok: true; filter: FilterExpression } | { ok: false; message: string };

const wordPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The only fields the wrapping statement may have: anything else came from the filter's text. */
const wrapperFields = new Set(['targetList', 'fromClause', 'whereClause', 'limitOption', 'op']);

export function parseFilterExpression(text: string, table: { schema: string; name: string }): FilterParse {
  const placeholders = replacePlaceholders(text);
  if (!placeholders.ok) return placeholders;
  const parsed = parseSql(`SELECT * FROM ${quoteQualifiedName(table.schema, table.name)} WHERE (\n${placeholders.text}\n)`);
  if (!parsed.ok) return { ok: false, message: `it is not a valid SQL expression: ${parsed.message}` };
  const [statement, ...others] = parsed.parsed.statements;
  const select = fieldsOf(statement, 'SelectStmt');
  const strayFields = select ? Object.keys(select).filter((field) => !wrapperFields.has(field)) : [];
  if (!select || others.length > 0 || strayFields.length > 0 || select.op !== 'SETOP_NONE' || listOf(select.fromClause).length !== 1) {
    return { ok: false, message: 'it must be one boolean expression, with no semicolon, clause or unbalanced parenthesis' };
  }
  if (!isNode(select.whereClause)) return { ok: false, message: 'it is empty' };
  return { ok: true, filter: { expression: select.whereClause, parameters: placeholders.parameters } };
}

/** `:name` → `$n` (the same name, the same n), by PostgreSQL's scanner; `$1` written by hand is refused. */
function replacePlaceholders(text: string): { ok: true; text: string; parameters: string[] } | { ok: false; message: string } {
  let tokens: ReturnType<typeof scanSync>['tokens'];
  try {
    tokens = scanSync(text).tokens;
  } catch {
    // The scanner's own error is not worded for people; the parser's is.
    const parsed = parseSql(`SELECT (${text})`);
    return { ok: false, message: `it is not a valid SQL expression${parsed.ok ? '' : `: ${parsed.message}`}` };
  }
  // The scanner counts bytes of UTF-8, not characters.
  const bytes = Buffer.from(text, 'utf8');
  const slice = (start: number, end?: number) => bytes.subarray(start, end).toString('utf8');
  const parameters: string[] = [];
  let result = '';
  let copied = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as (typeof tokens)[number];
    if (token.tokenName === 'PARAM') return { ok: false, message: `write attributes as :name, not ${token.text}` };
    const next = tokens[index + 1];
    if (token.text !== ':' || !next || next.start !== token.end || !wordPattern.test(next.text)) continue;
    let number = parameters.indexOf(next.text) + 1;
    if (number === 0) number = parameters.push(next.text);
    result += `${slice(copied, token.start)}$${number}`;
    copied = next.end;
    index += 1;
  }
  return { ok: true, text: result + slice(copied), parameters };
}
