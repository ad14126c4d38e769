import type pg from 'pg';
import type { z } from 'zod';
import {
  STATE_LIMITS,
  StateStoreError,
  isPreviewFresh,
  pendingPreviewSchema,
  threadTurnSchema,
  verifiedQuerySchema,
  type PendingPreview,
  type StateStore,
  type StateStoreOptions,
} from '../../ports/state-store.ts';
import { fromStorableJson, toStorableJson, toStorableText } from '../shared/storable-text.ts';
import { STATE_SCHEMA, ensureStateSchema } from './ensure-state-schema.ts';
import { createPostgresBudgetLedger } from './postgres-budget-ledger.ts';
import { createPostgresGrantStore } from './postgres-grant-store.ts';
import { createPostgresAuditHeadStore } from './postgres-audit-head.ts';
import { createPostgresEvalRunStore } from './postgres-eval-run-store.ts';
import { toStateStoreError } from './to-state-store-error.ts';

export interface PostgresStateStoreOptions extends StateStoreOptions {
  /** The caller's pool; the store never ends it. */
  pool: pg.Pool;
}

const previews = `${STATE_SCHEMA}.previews`;
const threadTurns = `${STATE_SCHEMA}.thread_turns`;
const verifiedQueries = `${STATE_SCHEMA}.verified_queries`;
const events = `${STATE_SCHEMA}.events`;

/**
 * State shared by several replicas, in the schema `sql_eval_state` (created when missing). Each operation is one
 * statement or a pair that tolerates interleaving; `takePreview` is `DELETE … RETURNING`, so of two replicas taking
 * one preview only one gets the row. Times are the store's clock (`now`), in epoch milliseconds.
 *
 * Any text is stored: every string goes through `toStorableText` (NUL and lone surrogates escaped, reversibly) on the
 * way in and back on the way out. Failures are StateStoreErrors naming the operation, never the values.
 */
export async function createPostgresStateStore(options: PostgresStateStoreOptions): Promise<StateStore> {
  const { pool } = options;
  const now = options.now ?? Date.now;
  const previewTtlMs = options.previewTtlMs ?? STATE_LIMITS.previewTtlMs;
  try {
    await ensureStateSchema(pool);
  } catch (error) {
    // ensureStateSchema says what to grant; the code comes from what the database answered.
    const { code } = toStateStoreError(error instanceof Error && error.cause !== undefined ? error.cause : error, 'create its schema');
    throw new StateStoreError(code, error instanceof Error ? error.message : String(error), { cause: error });
  }

  /** One statement of `operation`, its text parameters made storable, its failure typed. */
  const query = async (operation: string, sql: string, parameters: unknown[]): Promise<pg.QueryResult> => {
    try {
      const storable = parameters.map((parameter) => (parameter instanceof JsonParameter ? parameter.text : typeof parameter === 'string' ? toStorableText(parameter) : parameter));
      return await pool.query(sql, storable);
    } catch (error) {
      throw toStateStoreError(error, operation);
    }
  };

  const freshPreview = (row: { preview: unknown } | undefined): PendingPreview | undefined => {
    if (row === undefined) return undefined;
    const preview = readRow(pendingPreviewSchema, fromStorableJson(readJson(row.preview, previews)), previews);
    return isPreviewFresh(preview, now(), previewTtlMs) ? preview : undefined;
  };

  return {
    ...createPostgresBudgetLedger(pool, now),
    ...createPostgresGrantStore(pool, now),
    ...createPostgresAuditHeadStore(pool),
    ...createPostgresEvalRunStore(pool),
    async savePreview(preview) {
      await query(
        'save a preview',
        `WITH pruned AS (DELETE FROM ${previews} WHERE created_at < $3 AND preview_id <> $1)
         INSERT INTO ${previews} (preview_id, created_at, preview) VALUES ($1, $2, $4)
         ON CONFLICT (preview_id) DO UPDATE SET created_at = EXCLUDED.created_at, preview = EXCLUDED.preview`,
        [preview.previewId, preview.createdAt, now() - previewTtlMs, new JsonParameter(preview)],
      );
    },
    async takePreview(previewId) {
      const result = await query('take a preview', `DELETE FROM ${previews} WHERE preview_id = $1 RETURNING preview`, [previewId]);
      return freshPreview(result.rows[0]);
    },
    async peekPreview(previewId) {
      const result = await query('read a preview', `SELECT preview FROM ${previews} WHERE preview_id = $1`, [previewId]);
      return freshPreview(result.rows[0]);
    },
    async appendTurn(threadKey, turn) {
      await query('remember a turn', `INSERT INTO ${threadTurns} (thread_key, question, sql, explanation, at) VALUES ($1, $2, $3, $4, $5)`, [
        threadKey,
        turn.question,
        turn.sql,
        turn.explanation,
        turn.at,
      ]);
      await query(
        'remember a turn',
        `DELETE FROM ${threadTurns} WHERE thread_key = $1
           AND turn_id NOT IN (SELECT turn_id FROM ${threadTurns} WHERE thread_key = $1 ORDER BY turn_id DESC LIMIT $2)`,
        [threadKey, STATE_LIMITS.turnsPerThread],
      );
    },
    async recentTurns(threadKey, limit) {
      if (limit <= 0) return [];
      const result = await query(
        'read a thread',
        `SELECT question, sql, explanation, at::float8 AS at FROM (
           SELECT * FROM ${threadTurns} WHERE thread_key = $1 ORDER BY turn_id DESC LIMIT $2
         ) recent ORDER BY turn_id`,
        [threadKey, Math.min(limit, STATE_LIMITS.turnsPerThread)],
      );
      return result.rows.map((row: unknown) => readRow(threadTurnSchema, fromStorableJson(row), threadTurns));
    },
    async saveVerifiedQuery(verified) {
      await query(
        'save a verified query',
        `INSERT INTO ${verifiedQueries} (datasource, normalized_question, id, template, question, sql, slots, verified_by, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (datasource, normalized_question) DO UPDATE SET
           id = EXCLUDED.id, template = EXCLUDED.template, question = EXCLUDED.question, sql = EXCLUDED.sql,
           slots = EXCLUDED.slots, verified_by = EXCLUDED.verified_by, at = EXCLUDED.at,
           saved_order = nextval('${STATE_SCHEMA}.verified_query_saves')`,
        [
          verified.datasource,
          verified.normalizedQuestion,
          verified.id,
          verified.template,
          verified.question,
          verified.sql,
          new JsonParameter(verified.slots),
          verified.verifiedBy,
          verified.at,
        ],
      );
    },
    async listVerifiedQueries(datasource) {
      const result = await query(
        'list verified queries',
        `SELECT id, datasource, normalized_question, template, question, sql, slots, verified_by, at::float8 AS at
         FROM ${verifiedQueries} WHERE datasource = $1 ORDER BY saved_order`,
        [datasource],
      );
      return result.rows.map((row: Record<string, unknown>) =>
        readRow(
          verifiedQuerySchema,
          fromStorableJson({
            id: row.id,
            datasource: row.datasource,
            normalizedQuestion: row.normalized_question,
            template: row.template,
            question: row.question,
            sql: row.sql,
            slots: readJson(row.slots, verifiedQueries),
            verifiedBy: row.verified_by,
            at: row.at,
          }),
          verifiedQueries,
        ),
      );
    },
    async claimEvent(eventId, ttlMs) {
      const at = now();
      const result = await query(
        'claim an event',
        `WITH pruned AS (DELETE FROM ${events} WHERE expires_at <= $2 AND event_id <> $1)
         INSERT INTO ${events} (event_id, expires_at) VALUES ($1, $3)
         ON CONFLICT (event_id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE ${events}.expires_at <= $2
         RETURNING event_id`,
        [eventId, at, at + ttlMs],
      );
      return result.rowCount === 1;
    },
  };
}

/** A jsonb parameter: every string in it made storable, then serialized (and not escaped again as text). */
class JsonParameter {
  readonly text: string;
  constructor(value: unknown) {
    this.text = JSON.stringify(toStorableJson(value));
  }
}

/** jsonb arrives parsed with node-postgres's default parsers, or as text when the pool keeps it text. */
function readJson(value: unknown, table: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new StateStoreError('unreadable', `A row of ${table} holds JSON sql-eval did not write; was the table changed by hand?`, { cause: error });
  }
}

function readRow<T>(schema: z.ZodType<T>, value: unknown, table: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StateStoreError('unreadable', `A row of ${table} is not what sql-eval writes (${issue?.path.join('.') || '(row)'}: ${issue?.message}); was the table changed by hand?`, {
    cause: parsed.error,
  });
}
