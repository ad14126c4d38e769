import { z } from 'zod';
import { actorSchema, placeSchema } from '../vocabulary/actor.ts';
import { laneSchema } from '../vocabulary/reply.ts';
import type { BudgetLedgerStore } from './budget-ledger.ts';
import type { AuditHead } from './audit-store.ts';
import type { EvalRunStore } from './eval-run-store.ts';
import type { GrantStore } from './grant-store.ts';

/**
 * What the assistant remembers between messages: previews waiting for Run, the turns of each thread, verified
 * (question, SQL) pairs and the chat events already handled (and the evaluation runs recorded with `eval --record`,
 * `EvalRunStore`). Small sub-stores, so a stage depends only on the one it
 * uses; `StateStore` is all of them over one storage (memory, a lowdb JSON file, or PostgreSQL for several replicas).
 */

/** One answered question of a thread, for follow-ups such as "now by month". */
export interface ThreadTurn {
  question: string;
  sql: string;
  explanation: string;
  /** Epoch milliseconds. */
  at: number;
}

export type VerifiedQuerySlotKind = 'number' | 'year' | 'month' | 'quarter' | 'date' | 'value';

/** A value of the question that the SQL template takes as a parameter. */
export interface VerifiedQuerySlot {
  /** The marker's name: `n1`, `d1`, `v1`… */
  name: string;
  kind: VerifiedQuerySlotKind;
  /** Canonical value: `5`, `2024`, `2025-03`, `2025-Q1`, `2024-03-15`, or the column value (`PT`). */
  value: string;
  /** For `value` slots: the column the value belongs to, `table.column`. */
  column?: string | undefined;
}

/** A (question, SQL) pair someone confirmed or marked correct. */
export interface VerifiedQuery {
  id: string;
  datasource: string;
  /** The lookup key: the question's template (with slot markers and their types), or its exact form when `template` is null. */
  normalizedQuestion: string;
  /** The SQL with slot markers in place of the question's values; null when the pair only answers the same question again. */
  template: string | null;
  question: string;
  sql: string;
  slots: VerifiedQuerySlot[];
  /** Who verified it, e.g. `slack:T123:U456`. */
  verifiedBy: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface PreviewStateStore {
  /** Saves (or replaces) a preview; expired previews are pruned. */
  savePreview(preview: PendingPreview): Promise<void>;
  /** Removes and returns the preview: of several takes of one id, even concurrent ones, at most one gets it. */
  takePreview(previewId: string): Promise<PendingPreview | undefined>;
  peekPreview(previewId: string): Promise<PendingPreview | undefined>;
}

export interface ThreadMemoryStore {
  /** Appends a turn; only the last `STATE_LIMITS.turnsPerThread` turns of a thread are kept. */
  appendTurn(threadKey: string, turn: ThreadTurn): Promise<void>;
  /** The last `limit` turns of the thread, oldest first. */
  recentTurns(threadKey: string, limit: number): Promise<ThreadTurn[]>;
}

export interface VerifiedQueryStore {
  /** Saves the pair; one with the same (datasource, normalizedQuestion) is replaced. */
  saveVerifiedQuery(query: VerifiedQuery): Promise<void>;
  /** The datasource's verified queries in the order they were last saved. */
  listVerifiedQueries(datasource: string): Promise<VerifiedQuery[]>;
}

export interface EventClaimStore {
  /** True the first time an event id is claimed within `ttlMs` (chat platforms retry deliveries); false after. */
  claimEvent(eventId: string, ttlMs: number): Promise<boolean>;
}

/**
 * The audit log's last record as its writers saw it, kept apart from the log, so that records cut off its end are
 * found by `sql-eval audit verify`.
 */
export interface AuditHeadStore {
  /** Keeps the head unless a later one (a higher sequence) is already kept. */
  keepAuditHead(head: AuditHead): Promise<void>;
  keptAuditHead(): Promise<AuditHead | null>;
}

/** Everything the assistant keeps between messages, over one storage: replicas sharing it share all of it. */
export interface StateStore extends PreviewStateStore, ThreadMemoryStore, VerifiedQueryStore, EventClaimStore, BudgetLedgerStore, GrantStore, AuditHeadStore, EvalRunStore {}

/**
 * Why a state store could not do what was asked. `unavailable`: its storage cannot be reached (database down, file
 * system error); `locked`: another process held the state file too long; `unreadable`: what is stored is not what
 * sql-eval writes; `failed`: the storage refused the operation. Providers keep the driver's error as `cause`.
 */
export type StateStoreErrorCode = 'unavailable' | 'locked' | 'unreadable' | 'failed';

export class StateStoreError extends Error {
  override readonly name: string = 'StateStoreError';
  constructor(
    readonly code: StateStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** Options every provider takes. */
export interface StateStoreOptions {
  /** How long a preview can still be run. Default one hour. */
  previewTtlMs?: number | undefined;
  /** The clock, in epoch milliseconds (tests pin it). Default `Date.now`. */
  now?: (() => number) | undefined;
}

export const STATE_LIMITS = {
  previewTtlMs: 60 * 60 * 1000,
  turnsPerThread: 20,
} as const;

/** A preview is live while `now - createdAt <= previewTtlMs`. */
export function isPreviewFresh(preview: PendingPreview, now: number, previewTtlMs: number): boolean {
  return now - preview.createdAt <= previewTtlMs;
}

// Schemas for what providers read back from storage (a JSON file, jsonb): validated once, at that edge.

/** SQL waiting in a thread for someone to press Run. */
export const pendingPreviewSchema = z.object({
  previewId: z.string().min(1),
  requestId: z.string(),
  question: z.string(),
  sql: z.string(),
  explanation: z.string(),
  lane: laneSchema,
  /** For a question split into parts: each part's question, SQL and explanation, run together on confirmation. */
  parts: z.array(z.object({ question: z.string(), sql: z.string(), explanation: z.string() })).optional(),
  actor: actorSchema,
  place: placeSchema,
  createdAt: z.number(),
});
export type PendingPreview = z.infer<typeof pendingPreviewSchema>;

export const threadTurnSchema = z.object({
  question: z.string(),
  sql: z.string(),
  explanation: z.string(),
  at: z.number(),
});

export const verifiedQuerySlotSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['number', 'year', 'month', 'quarter', 'date', 'value']),
  value: z.string(),
  column: z.string().optional(),
});

export const verifiedQuerySchema = z.object({
  id: z.string().min(1),
  datasource: z.string(),
  normalizedQuestion: z.string(),
  template: z.string().nullable(),
  question: z.string(),
  sql: z.string(),
  slots: z.array(verifiedQuerySlotSchema),
  verifiedBy: z.string(),
  at: z.number(),
});

/** Compile-time guard: each schema parses to exactly its type, so a field added to a type cannot be dropped on read. */
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemasMatchTypes: [
  Exactly<z.infer<typeof threadTurnSchema>, ThreadTurn>,
  Exactly<z.infer<typeof verifiedQuerySlotSchema>, VerifiedQuerySlot>,
  Exactly<z.infer<typeof verifiedQuerySchema>, VerifiedQuery>,
] = [true, true, true];
void schemasMatchTypes;
