import { loadModule, parseSync, fingerprintSync } from 'libpg-query';

/**
 * Parses SQL with PostgreSQL's own parser (libpg-query, compiled to WASM), so the validator sees exactly
 * what the server will run. Input is bounded; any parser error is reported, never guessed around.
 */

export const maxSqlLength = 20_000;
export const maxTreeDepth = 120;

/** A parse-tree node as libpg-query emits it: `{ NodeType: { ...fields } }`. */
export type ParseNode = Record<string, unknown>;

export interface ParsedSql {
  /** One entry per statement, each `{ SelectStmt: {...} }` or another statement node. */
  statements: ParseNode[];
}

export type ParseFailure = { ok: false; reason: 'too-long' | 'too-deep' | 'syntax'; message: string; position?: number };
export type ParseOutcome = { ok: true; parsed: ParsedSql } | ParseFailure;

let loading: Promise<void> | undefined;

/** Loads the WASM parser once; call before the synchronous functions below. */
export function loadSqlParser(): Promise<void> {
  loading ??= loadModule();
  return loading;
}

export function parseSql(sql: string): ParseOutcome {
  if (sql.length > maxSqlLength) {
    return { ok: false, reason: 'too-long', message: `The SQL is ${sql.length} characters long; the limit is ${maxSqlLength}.` };
  }
  let tree: { stmts?: { stmt?: ParseNode }[] };
  try {
    tree = parseSync(sql) as unknown as { stmts?: { stmt?: ParseNode }[] };
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, reason: 'syntax', message, ...(details?.cursorPosition !== undefined ? { position: details.cursorPosition } : {}) };
  }
  const statements = (tree.stmts ?? []).map((entry) => entry.stmt).filter((stmt): stmt is ParseNode => stmt !== undefined);
  const depth = treeDepth(statements, 0);
  if (depth > maxTreeDepth) {
    return { ok: false, reason: 'too-deep', message: `The SQL nests ${depth} levels deep; the limit is ${maxTreeDepth}.` };
  }
  return { ok: true, parsed: { statements } };
}

/** PostgreSQL's query fingerprint: equal for statements that differ only in literals and formatting. */
export function fingerprintSql(sql: string): string | null {
  try {
    return fingerprintSync(sql);
  } catch {
    return null;
  }
}

function treeDepth(value: unknown, depth: number): number {
  if (depth > maxTreeDepth) return depth;
  if (Array.isArray(value)) {
    let deepest = depth;
    for (const item of value) deepest = Math.max(deepest, treeDepth(item, depth));
    return deepest;
  }
  if (value !== null && typeof value === 'object') {
    let deepest = depth;
    for (const child of Object.values(value)) deepest = Math.max(deepest, treeDepth(child, depth + 1));
    return deepest;
  }
  return depth;
}
