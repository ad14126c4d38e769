import type pg from 'pg';
import type { z } from 'zod';
import {
  EVAL_RUNS_KEPT,
  evalRunHeaderSchema,
  recordedCaseSchema,
  storableEvalRun,
  type EvalRunStore,
} from '../../ports/eval-run-store.ts';
import { StateStoreError } from '../../ports/state-store.ts';
import { fromStorableJson, fromStorableText, toStorableJson, toStorableText } from '../shared/storable-text.ts';
import { STATE_SCHEMA } from './ensure-state-schema.ts';
import { rethrowAs } from './to-state-store-error.ts';

const evalRuns = `${STATE_SCHEMA}.eval_runs`;
/** The order of every provider: start time, then id, as text (`COLLATE "C"` compares as JavaScript does). */
const newestFirst = `started_at COLLATE "C" DESC, id COLLATE "C" DESC`;

/**
 * Recorded evaluation runs shared by replicas: one row a run, the run without its cases as `header` (jsonb) and the
 * cases apart, so listing reads no case. Saving inserts (or replaces) and drops all but the newest `EVAL_RUNS_KEPT`
 * in one statement.
 */
export function createPostgresEvalRunStore(pool: pg.Pool): EvalRunStore {
  return {
    async saveEvalRun(run) {
      const { cases, ...header } = storableEvalRun(run);
      await pool
        .query(
          `INSERT INTO ${evalRuns} (id, started_at, suites, header, cases) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, suites = EXCLUDED.suites, header = EXCLUDED.header, cases = EXCLUDED.cases`,
          [toStorableText(header.id), header.startedAt, header.suites.map(toStorableText), JSON.stringify(toStorableJson(header)), JSON.stringify(toStorableJson(cases))],
        )
        .catch(rethrowAs('record an evaluation run'));
      await pool
        .query(`DELETE FROM ${evalRuns} WHERE id IN (SELECT id FROM ${evalRuns} ORDER BY ${newestFirst} OFFSET $1)`, [EVAL_RUNS_KEPT])
        .catch(rethrowAs('record an evaluation run'));
    },
    async listEvalRuns(query) {
      if (query.limit <= 0) return [];
      const result = await pool
        .query<{ header: unknown }>(`SELECT header FROM ${evalRuns} WHERE $1::text IS NULL OR $1 = ANY(suites) ORDER BY ${newestFirst} LIMIT $2`, [
          query.suite === undefined ? null : toStorableText(query.suite),
          query.limit,
        ])
        .catch(rethrowAs('list evaluation runs'));
      return result.rows.map((row) => read(evalRunHeaderSchema, row.header));
    },
    async getEvalRun(idOrPrefix) {
      if (idOrPrefix === '') return { kind: 'missing' };
      const key = toStorableText(idOrPrefix);
      const matching = await pool
        .query<{ id: string }>(`SELECT id FROM ${evalRuns} WHERE starts_with(id, $1) ORDER BY ${newestFirst}`, [key])
        .catch(rethrowAs('read an evaluation run'));
      const ids = matching.rows.map((row) => row.id);
      const id = ids.includes(key) ? key : ids.length === 1 ? ids[0] : undefined;
      if (id === undefined) return ids.length === 0 ? { kind: 'missing' } : { kind: 'ambiguous', ids: ids.map(fromStorableText) };
      const result = await pool
        .query<{ header: unknown; cases: unknown }>(`SELECT header, cases FROM ${evalRuns} WHERE id = $1`, [id])
        .catch(rethrowAs('read an evaluation run'));
      const row = result.rows[0];
      // Dropped by another replica's save in between.
      if (row === undefined) return { kind: 'missing' };
      return { kind: 'found', run: { ...read(evalRunHeaderSchema, row.header), cases: read(recordedCaseSchema.array(), row.cases) } };
    },
  };
}

/** jsonb arrives parsed with node-postgres's default parsers, or as text when the pool keeps it text. */
function read<T>(schema: z.ZodType<T>, value: unknown): T {
  let json: unknown = value;
  try {
    if (typeof value === 'string') json = JSON.parse(value);
  } catch (error) {
    throw new StateStoreError('unreadable', `A row of ${evalRuns} holds JSON sql-eval did not write; was the table changed by hand?`, { cause: error });
  }
  const parsed = schema.safeParse(fromStorableJson(json));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StateStoreError('unreadable', `A row of ${evalRuns} is not what sql-eval writes (${issue?.path.join('.') || '(row)'}: ${issue?.message}); was the table changed by hand?`, {
    cause: parsed.error,
  });
}
