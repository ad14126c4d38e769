/** A database the assistant can describe, explain against and read from. Only providers import drivers. */

export interface ColumnInfo {
  name: string;
  /** PostgreSQL type name as `format_type` prints it, e.g. `integer`, `timestamp with time zone`. */
  dataType: string;
  nullable: boolean;
  comment: string | null;
}

export interface ForeignKey {
  columns: string[];
  referencedSchema: string;
  referencedTable: string;
  referencedColumns: string[];
}

export interface TableInfo {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  comment: string | null;
  /** Planner estimate (`pg_class.reltuples`); -1 when the table was never analysed. */
  rowEstimate: number;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** For views: the definition as `pg_get_viewdef` prints it. */
  viewDefinition: string | null;
  /** The tables it inherits from (`INHERITS`), direct parents only; absent or empty for most tables. */
  parents?: { schema: string; name: string }[] | undefined;
}

export interface SchemaSnapshot {
  /** Server version, e.g. 150020. */
  serverVersion: number;
  tables: TableInfo[];
}

/** Defaults every Datasource applies to its read-only transaction when the options leave them out. */
export const TRANSACTION_DEFAULTS = {
  /** `lock_timeout` when `lockTimeoutMs` is not given. */
  lockTimeoutMs: 1_000,
  /** `idle_in_transaction_session_timeout` is the statement timeout plus this. */
  idleInTransactionMarginMs: 5_000,
} as const;

export interface RunOptions {
  /** Rows fetched at most; the result says when more were available. */
  maxRows: number;
  /** `SET LOCAL statement_timeout` for the read-only transaction. */
  statementTimeoutMs: number;
  /** `SET LOCAL lock_timeout`: how long the statement may wait for a lock (say, behind a migration). Default 1000 ms. */
  lockTimeoutMs?: number | undefined;
  /** Optional role switched to with `SET LOCAL ROLE` for the statement. */
  role?: string | undefined;
}

/** The options `explain` takes: the transaction's limits without the row cap. */
export type ExplainOptions = Pick<RunOptions, 'statementTimeoutMs' | 'lockTimeoutMs' | 'role'>;

export interface ResultColumn {
  name: string;
  dataType: string;
}

export interface QueryResult {
  columns: ResultColumn[];
  /** Values as JSON-friendly scalars: numbers, strings, booleans, null (dates as ISO strings, bigints and numerics as strings). */
  rows: unknown[][];
  /** True when the statement produced more than `maxRows` rows. */
  truncated: boolean;
  elapsedMs: number;
}

export interface ExplainResult {
  /** The planner's estimate of rows returned by the top node. */
  estimatedRows: number;
  /** Total cost of the top node. */
  totalCost: number;
  /** The raw `EXPLAIN (FORMAT JSON)` plan. */
  plan: unknown;
}

/**
 * Failure classes a datasource reports; the message never contains row values. `overloaded`: the statement waited its
 * turn too long, or found the queue full, while the database itself is healthy; `retryAt` says when to ask again.
 */
export type DatasourceErrorCode =
  | 'unavailable'
  | 'overloaded'
  | 'timeout'
  | 'syntax'
  | 'undefined-object'
  | 'permission'
  | 'read-only'
  | 'query-failed';

export class DatasourceError extends Error {
  override readonly name = 'DatasourceError';
  /** For 'unavailable': when the datasource will be tried again (a circuit breaker is open until then); for 'overloaded': when a turn is likely. */
  readonly retryAt: Date | undefined;
  constructor(
    readonly code: DatasourceErrorCode,
    message: string,
    /** The PostgreSQL SQLSTATE when the server reported one. */
    readonly sqlState: string | undefined,
    options?: { cause?: unknown; retryAt?: Date | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAt = options?.retryAt;
  }
}

export interface Datasource {
  readonly name: string;
  introspect(): Promise<SchemaSnapshot>;
  explain(sql: string, options: ExplainOptions): Promise<ExplainResult>;
  run(sql: string, options: RunOptions): Promise<QueryResult>;
  close(): Promise<void>;
}
