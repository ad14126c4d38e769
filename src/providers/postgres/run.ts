import type pg from 'pg';
import type { ExplainOptions, ExplainResult, QueryResult, RunOptions } from '../../ports/datasource.ts';
import { runCappedQuery } from './capped-query.ts';
import { withReadOnlyTransaction } from './read-only-transaction.ts';
import type { ResultColumnTypes } from './result-column-types.ts';
import { toJsonValue } from './to-json-value.ts';

const MAXIMUM_ROWS = 10_000_000;

/**
 * Runs one statement, as sent, in a read-only transaction whose unqualified names resolve in `searchPath`, and
 * fetches at most `maxRows + 1` rows from the server (see capped-query.ts), so `truncated` is exact and an unbounded
 * result never reaches this process.
 */
export async function runStatement(pool: pg.Pool, columnTypes: ResultColumnTypes, sql: string, options: RunOptions, searchPath: readonly string[]): Promise<QueryResult> {
  const { maxRows } = options;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > MAXIMUM_ROWS) throw new RangeError(`maxRows must be an integer from 1 to ${MAXIMUM_ROWS}`);
  return withReadOnlyTransaction(pool, { ...transactionSettings(options), searchPath }, async (client) => {
    const startedAt = performance.now();
    const result = await runCappedQuery(client, sql, maxRows + 1);
    const elapsedMs = Math.round(performance.now() - startedAt);
    const columns = await columnTypes.describe(client, result.fields);
    const truncated = result.limitReached || result.rows.length > maxRows;
    const rows = result.rows.slice(0, maxRows).map((row) => row.map(toJsonValue));
    return { columns, rows, truncated, elapsedMs };
  });
}

interface ExplainPlanNode {
  'Plan Rows'?: unknown;
  'Total Cost'?: unknown;
}

/** `EXPLAIN (FORMAT JSON)` of one statement, in the same read-only transaction setup as `runStatement`. */
export async function explainStatement(pool: pg.Pool, sql: string, options: ExplainOptions, searchPath: readonly string[]): Promise<ExplainResult> {
  return withReadOnlyTransaction(pool, { ...transactionSettings(options), searchPath }, async (client) => {
    // Through the extended protocol, like `run`: the server refuses a string that holds more than one statement.
    // (node-postgres sends a query with `values: []` and no row limit through the simple protocol, which would not.)
    const result = await runCappedQuery(client, `EXPLAIN (FORMAT JSON) ${sql}`, 1);
    const cell: unknown = result.rows[0]?.[0];
    const plan: unknown = typeof cell === 'string' ? JSON.parse(cell) : cell;
    const top = (Array.isArray(plan) ? (plan[0] as { Plan?: ExplainPlanNode } | undefined)?.Plan : undefined) ?? {};
    return { estimatedRows: Number(top['Plan Rows'] ?? 0), totalCost: Number(top['Total Cost'] ?? 0), plan };
  });
}

/** Only the transaction's settings: nothing else of the caller's object reaches the SQL. */
function transactionSettings(options: ExplainOptions): ExplainOptions {
  return { statementTimeoutMs: options.statementTimeoutMs, lockTimeoutMs: options.lockTimeoutMs, role: options.role };
}
