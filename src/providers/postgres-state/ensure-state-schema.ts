import type pg from 'pg';

/** Everything the PostgreSQL state store keeps lives in this schema, apart from the datasources' own data. */
export const STATE_SCHEMA = 'sql_eval_state';

const CREATE_STATE_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA};
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.previews (
  preview_id text PRIMARY KEY,
  created_at bigint NOT NULL,
  preview jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS previews_created_at ON ${STATE_SCHEMA}.previews (created_at);
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.thread_turns (
  turn_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  thread_key text NOT NULL,
  question text NOT NULL,
  sql text NOT NULL,
  explanation text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS thread_turns_thread_key ON ${STATE_SCHEMA}.thread_turns (thread_key, turn_id);
CREATE SEQUENCE IF NOT EXISTS ${STATE_SCHEMA}.verified_query_saves;
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.verified_queries (
  datasource text NOT NULL,
  normalized_question text NOT NULL,
  id text NOT NULL,
  template text,
  question text NOT NULL,
  sql text NOT NULL,
  slots jsonb NOT NULL,
  verified_by text NOT NULL,
  at bigint NOT NULL,
  saved_order bigint NOT NULL DEFAULT nextval('${STATE_SCHEMA}.verified_query_saves'),
  PRIMARY KEY (datasource, normalized_question)
);
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.events (
  event_id text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS events_expires_at ON ${STATE_SCHEMA}.events (expires_at);
`;

/** Added later again: the audit log's last record, one row. */
const CREATE_AUDIT_HEAD = `
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.audit_head (
  id int PRIMARY KEY CHECK (id = 1),
  sequence bigint NOT NULL,
  hash text NOT NULL
);
`;

/** Added after the first schema: created on its own, so databases made by an older version get it too. */
const CREATE_BUDGET_AND_GRANTS = `
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.budget_usage (
  tenant text NOT NULL,
  period text NOT NULL,
  used bigint NOT NULL,
  PRIMARY KEY (tenant, period)
);
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.budget_askers (
  tenant text NOT NULL,
  month text NOT NULL,
  asker text NOT NULL,
  used bigint NOT NULL,
  PRIMARY KEY (tenant, month, asker)
);
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.budget_reservations (
  reservation_id text PRIMARY KEY,
  tenant text NOT NULL,
  asker text NOT NULL,
  tokens bigint NOT NULL,
  day text NOT NULL,
  month text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS budget_reservations_tenant ON ${STATE_SCHEMA}.budget_reservations (tenant, day, month);
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.grants (
  grantee text NOT NULL,
  entitlement text NOT NULL,
  granted_by text NOT NULL,
  granted_at bigint NOT NULL,
  expires_at bigint,
  PRIMARY KEY (grantee, entitlement)
);
`;

/** Added later again: runs recorded with `sql-eval eval --record` (the cases apart, so listing reads none). */
const CREATE_EVAL_RUNS = `
CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.eval_runs (
  id text PRIMARY KEY,
  started_at text NOT NULL,
  suites text[] NOT NULL,
  header jsonb NOT NULL,
  cases jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS eval_runs_started_at ON ${STATE_SCHEMA}.eval_runs (started_at COLLATE "C" DESC, id COLLATE "C" DESC);
`;

/**
 * Creates the schema and its tables when missing. Replicas starting together take a transaction-scoped advisory lock
 * first, because concurrent `CREATE … IF NOT EXISTS` of one object can still fail on the catalog's unique index.
 */
export async function ensureStateSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${STATE_SCHEMA}'))`);
    // The DDL runs in one transaction, so its last object existing means all do: a user without CREATE is fine then.
    const created = await client.query(`SELECT to_regclass('${STATE_SCHEMA}.events_expires_at') IS NOT NULL AS done`);
    if (created.rows[0]?.done !== true) await client.query(CREATE_STATE_SCHEMA);
    const budget = await client.query(`SELECT to_regclass('${STATE_SCHEMA}.grants') IS NOT NULL AS done`);
    if (budget.rows[0]?.done !== true) await client.query(CREATE_BUDGET_AND_GRANTS);
    const head = await client.query(`SELECT to_regclass('${STATE_SCHEMA}.audit_head') IS NOT NULL AS done`);
    if (head.rows[0]?.done !== true) await client.query(CREATE_AUDIT_HEAD);
    const runs = await client.query(`SELECT to_regclass('${STATE_SCHEMA}.eval_runs_started_at') IS NOT NULL AS done`);
    if (runs.rows[0]?.done !== true) await client.query(CREATE_EVAL_RUNS);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The state schema "${STATE_SCHEMA}" could not be created (${reason}). Let the state store's database user create ` +
        `schemas in this database (GRANT CREATE ON DATABASE …), or have an administrator create the schema once and grant it to that user.`,
      { cause: error },
    );
  } finally {
    client.release();
  }
}
