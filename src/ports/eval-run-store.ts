import { z } from 'zod';
import { StateStoreError } from './state-store.ts';

/**
 * Evaluation runs recorded with `sql-eval eval --record`, for `eval history` and `eval compare`. Part of the
 * StateStore, so a team's runs live where its bot's state does (the lowdb home, or PostgreSQL).
 *
 * The summary is the eval runner's `EvalSummary`, kept whole but validated loosely: only the figures history and
 * compare read are checked and typed here (this layer cannot name the runner's type), every other field is kept as it
 * came, so runs recorded by an older or newer version still read back. Each case is reduced to what a comparison needs.
 */

/** How many runs a store keeps: saving one more drops the oldest (by start time), so the store cannot grow forever. */
export const EVAL_RUNS_KEPT = 200;

/** A case's reason is cut to this many characters when recorded. */
export const RECORDED_REASON_MAX = 500;

/**
 * The figures of a recorded summary that history and compare read. The rest of the summary is kept as it came: the
 * type names only these figures, so the runner's `EvalSummary` (an interface with more) is one.
 */
export interface RecordedSummary {
  cases: number;
  golden: { cases: number; correct: number; executionAccuracy: number | null; passAt1: number | null };
  security: { cases: number; passed: number; score: number | null; leaks: number };
  /** Per lane (`fast`, `llm`, `none`, `sql`). */
  latencyMs: Record<string, { p50: number | null; p95: number | null; p99: number | null; count: number }>;
  cost: { promptTokens: number; completionTokens: number; currency: string; amount: number | null };
}

const rate = z.number().nullable();
export const recordedSummarySchema: z.ZodType<RecordedSummary> = z.looseObject({
  cases: z.number(),
  golden: z.looseObject({ cases: z.number(), correct: z.number(), executionAccuracy: rate, passAt1: rate }),
  security: z.looseObject({ cases: z.number(), passed: z.number(), score: rate, leaks: z.number() }),
  latencyMs: z.record(z.string(), z.looseObject({ p50: rate, p95: rate, p99: rate, count: z.number() })),
  cost: z.looseObject({ promptTokens: z.number(), completionTokens: z.number(), currency: z.string(), amount: rate }),
});

/** One case of a recorded run. `lane` and `outcome` are plain strings: a record outlives the vocabulary it was made with. */
export const recordedCaseSchema = z.object({
  suite: z.string(),
  id: z.string(),
  category: z.enum(['golden', 'security']),
  correct: z.boolean(),
  outcome: z.string(),
  lane: z.string(),
  ms: z.number(),
  reason: z.string().nullable(),
});
export type RecordedCase = z.infer<typeof recordedCaseSchema>;

export const recordedEvalRunSchema = z.object({
  /** Short and sortable by start time: `r-20261130-224311-ab12`. */
  id: z.string().min(1),
  /** `--label`, else the short commit of the working tree, else null. */
  label: z.string().nullable(),
  /** The names of the suites that ran. */
  suites: z.array(z.string()),
  /** ISO 8601 in UTC with milliseconds (`Date.toISOString()`), so that runs sort by it as text. */
  startedAt: z.iso.datetime({ precision: 3 }),
  durationMs: z.number(),
  model: z.string().nullable(),
  summary: recordedSummarySchema,
  cases: z.array(recordedCaseSchema),
});
export type RecordedEvalRun = z.infer<typeof recordedEvalRunSchema>;

/** A run as listed: everything but its cases. */
export type EvalRunHeader = Omit<RecordedEvalRun, 'cases'>;
export const evalRunHeaderSchema = recordedEvalRunSchema.omit({ cases: true });

/** What an id (or the start of one) names: one run, none, or several (their ids, newest first). */
export type EvalRunLookup = { kind: 'found'; run: RecordedEvalRun } | { kind: 'missing' } | { kind: 'ambiguous'; ids: string[] };

export interface EvalRunQuery {
  /** Only runs that include a suite of this name. */
  suite?: string | undefined;
  limit: number;
}

export interface EvalRunStore {
  /** Saves a run (one with the same id is replaced); beyond `EVAL_RUNS_KEPT` runs, the oldest are dropped. */
  saveEvalRun(run: RecordedEvalRun): Promise<void>;
  /** At most `limit` runs, newest first (by start time, then id), without their cases. */
  listEvalRuns(query: EvalRunQuery): Promise<EvalRunHeader[]>;
  /** The run with this id or, when no id equals it, the one run whose id starts with it. */
  getEvalRun(idOrPrefix: string): Promise<EvalRunLookup>;
}

/** A run as it is stored: validated (so nothing unreadable is ever written), unknown case fields dropped. */
export function storableEvalRun(run: RecordedEvalRun): RecordedEvalRun {
  const parsed = recordedEvalRunSchema.safeParse(run);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StateStoreError('failed', `The evaluation run ${run.id} cannot be recorded (${issue?.path.join('.') || '(run)'}: ${issue?.message}).`, { cause: parsed.error });
}

/** Newest first: by start time, then by id, both compared as text (the same order in every provider). */
export function newestFirst(left: EvalRunHeader, right: EvalRunHeader): number {
  if (left.startedAt !== right.startedAt) return left.startedAt < right.startedAt ? 1 : -1;
  return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}
