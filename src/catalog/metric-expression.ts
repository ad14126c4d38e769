/**
 * A metric's SQL expression (`quantity * unit_price_cents`), read with a small closed grammar: numbers, single-quoted
 * strings, the table's own columns (bare or double-quoted), arithmetic and comparison operators, parentheses, a few
 * side-effect-free functions (`round`, `coalesce`, `abs`, `nullif`, `greatest`, `least`, `floor`, `ceil`), `CASE`
 * and casts to numeric types. Anything else is refused, so a semantic file cannot smuggle SQL into the fast lane's
 * queries; the fast lane writes each column qualified by the table's alias.
 */

export type MetricToken = { kind: 'column'; name: string } | { kind: 'text'; text: string };

export type MetricExpressionOutcome = { ok: true; tokens: MetricToken[]; columns: string[] } | { ok: false; problem: string };

const keywords = new Set(['case', 'when', 'then', 'else', 'end', 'and', 'or', 'not', 'null', 'is', 'true', 'false']);
const functions = new Set(['round', 'coalesce', 'abs', 'nullif', 'greatest', 'least', 'floor', 'ceil']);
const castTypes = new Set(['numeric', 'integer', 'bigint', 'int', 'float8', 'real', 'decimal']);
const pattern = /\s+|(\d+(?:\.\d+)?)|('(?:[^'\\]|'')*')|("(?:[^"]|"")+")|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|<>|!=|::|[-+*/%(),=<>])|(.)/gy;

export function readMetricExpression(expression: string, columns: readonly string[]): MetricExpressionOutcome {
  const tokens: MetricToken[] = [];
  const used = new Set<string>();
  const parts = [...expression.matchAll(pattern)];
  let depth = 0;
  for (const [index, match] of parts.entries()) {
    const [whole, number, string, quoted, word, operator, other] = match;
    if (other !== undefined) return { ok: false, problem: `"${other}" is not allowed in a metric expression` };
    if (number !== undefined || string !== undefined) tokens.push({ kind: 'text', text: whole });
    else if (quoted !== undefined) {
      const name = quoted.slice(1, -1).replaceAll('""', '"');
      if (!columns.includes(name)) return { ok: false, problem: `the table has no column ${quoted}` };
      tokens.push({ kind: 'column', name });
      used.add(name);
    } else if (word !== undefined) {
      const lower = word.toLowerCase();
      const next = parts.slice(index + 1).find((part) => !/^\s+$/.test(part[0]));
      const previous = tokens[tokens.length - 1];
      if (previous?.kind === 'text' && previous.text === '::') {
        if (!castTypes.has(lower)) return { ok: false, problem: `casts only to numeric types, not "${word}"` };
        tokens.push({ kind: 'text', text: lower });
      } else if (next?.[0] === '(') {
        if (!functions.has(lower)) return { ok: false, problem: `the function "${word}" is not allowed in a metric expression` };
        tokens.push({ kind: 'text', text: lower });
      } else if (keywords.has(lower)) tokens.push({ kind: 'text', text: lower.toUpperCase() });
      else {
        // An unquoted name folds to lower case, as PostgreSQL reads it.
        const name = columns.includes(lower) ? lower : null;
        if (name === null) return { ok: false, problem: `the table has no column "${word}"` };
        tokens.push({ kind: 'column', name });
        used.add(name);
      }
    } else if (operator !== undefined) {
      if (operator === '(') depth += 1;
      if (operator === ')') depth -= 1;
      if (depth < 0) return { ok: false, problem: 'unbalanced parentheses' };
      tokens.push({ kind: 'text', text: operator });
    }
  }
  if (depth !== 0) return { ok: false, problem: 'unbalanced parentheses' };
  if (used.size === 0) return { ok: false, problem: 'the expression reads no column' };
  return { ok: true, tokens, columns: [...used] };
}

/** The expression as SQL, each column written by `writeColumn` (qualified and quoted as needed). */
export function writeMetricExpression(tokens: readonly MetricToken[], writeColumn: (name: string) => string): string {
  let sql = '';
  let previous: MetricToken | undefined;
  for (const token of tokens) {
    const text = token.kind === 'column' ? writeColumn(token.name) : token.text;
    const afterFunction = text === '(' && previous?.kind === 'text' && functions.has(previous.text);
    const tight = sql === '' || sql.endsWith('(') || sql.endsWith('::') || text === ')' || text === ',' || text === '::' || afterFunction;
    sql += tight ? text : ` ${text}`;
    previous = token;
  }
  return sql;
}
