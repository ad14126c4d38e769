import { canonicalNumber } from './normalize-question.ts';

/**
 * The plain literals of a PostgreSQL statement that a verified-query template may turn into slots: unsigned numbers
 * (`5`, `19.90`) and standard single-quoted strings (`'cancelled'`, `'2024-01-01'`). Comments, quoted identifiers,
 * dollar-quoted bodies, parameters and prefixed strings (`E'…'`, `B'…'`, `X'…'`, `U&'…'`, `N'…'`) are skipped, and so
 * are numbers written any other way (`1e3`, `.5`, `1_000`, `0x1f`): they stay as they are in the template.
 */

export interface SqlLiteral {
  kind: 'number' | 'string';
  /** Canonical number (`19.9`) or the string's content with `''` undone. */
  value: string;
  /** Where the replaceable text starts and ends: the digits, or the content between the quotes. */
  start: number;
  end: number;
}

const IDENTIFIER_START = /[A-Za-z_\u0080-\uffff]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function findSqlLiterals(sql: string): SqlLiteral[] {
  const literals: SqlLiteral[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index);
      index = newline === -1 ? sql.length : newline + 1;
    } else if (char === '/' && next === '*') {
      index = skipBlockComment(sql, index);
    } else if (char === '"') {
      index = skipQuoted(sql, index, '"');
    } else if (char === "'") {
      const end = skipQuoted(sql, index, "'");
      literals.push({ kind: 'string', value: sql.slice(index + 1, end - 1).replaceAll("''", "'"), start: index + 1, end: end - 1 });
      index = end;
    } else if (char === '$') {
      index = skipDollar(sql, index);
    } else if (IDENTIFIER_START.test(char)) {
      index = skipIdentifier(sql, index);
    } else if (/[0-9]/.test(char) || (char === '.' && next !== undefined && /[0-9]/.test(next))) {
      const end = skipNumber(sql, index);
      const value = canonicalNumber(sql.slice(index, end));
      if (value !== null) literals.push({ kind: 'number', value, start: index, end });
      index = end;
    } else {
      index += 1;
    }
  }
  return literals;
}

/** An identifier or keyword; a string right after a one-letter prefix (`E'…'`) is skipped with it. */
function skipIdentifier(sql: string, start: number): number {
  let index = start + 1;
  while (index < sql.length && IDENTIFIER_PART.test(sql[index]!)) index += 1;
  const word = sql.slice(start, index).toLowerCase();
  if (sql[index] === "'" && ['e', 'b', 'x', 'n'].includes(word)) return word === 'e' ? skipEscapeString(sql, index) : skipQuoted(sql, index, "'");
  if (word === 'u' && sql[index] === '&' && sql[index + 1] === "'") return skipQuoted(sql, index + 1, "'");
  return index;
}

/** From an opening quote to just after its closing one; a doubled quote is part of the content. */
function skipQuoted(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index + 1;
    } else {
      index += 1;
    }
  }
  return sql.length;
}

function skipEscapeString(sql: string, start: number): number {
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (char === '\\') index += 2;
    else if (char === "'" && sql[index + 1] === "'") index += 2;
    else if (char === "'") return index + 1;
    else index += 1;
  }
  return sql.length;
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < sql.length) {
    if (sql.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (sql.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return sql.length;
}

/** `$1` parameters and `$tag$ … $tag$` bodies. */
function skipDollar(sql: string, start: number): number {
  const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(start));
  if (tag === null) {
    let index = start + 1;
    while (index < sql.length && /[0-9]/.test(sql[index]!)) index += 1;
    return index;
  }
  const close = sql.indexOf(tag[0], start + tag[0].length);
  return close === -1 ? sql.length : close + tag[0].length;
}

/** A numeric token and anything glued to it (`1e3`, `0x1f`, `1_000`), so such forms never count as plain numbers. */
function skipNumber(sql: string, start: number): number {
  let index = start;
  while (index < sql.length && /[0-9.]/.test(sql[index]!)) index += 1;
  if (/[eE]/.test(sql[index] ?? '') && /[+-]/.test(sql[index + 1] ?? '')) index += 2;
  while (index < sql.length && IDENTIFIER_PART.test(sql[index]!)) index += 1;
  return index;
}
