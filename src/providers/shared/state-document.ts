import {
  STATE_LIMITS,
  isPreviewFresh,
  type PendingPreview,
  type ThreadTurn,
  type VerifiedQuery,
} from '../../ports/state-store.ts';
import { emptyBudgetDocument, type BudgetDocument } from './budget-document.ts';
import type { GrantDocument } from './grant-document.ts';
import type { AuditHead } from '../../ports/audit-store.ts';

/**
 * The whole state as one in-memory document, and the synchronous operations on it. The memory provider calls them
 * directly; the lowdb provider calls each inside one `db.update()`, so every read-modify-write is atomic in-process.
 * Values are copied in and out, so a caller mutating a returned object cannot change the stored state.
 */

export interface StateDocument {
  previews: Map<string, PendingPreview>;
  /** Turns per thread key, oldest first, at most `STATE_LIMITS.turnsPerThread`. */
  threads: Map<string, ThreadTurn[]>;
  /** Keyed by `verifiedQueryKey`; Map order is the order of the last save. */
  verifiedQueries: Map<string, VerifiedQuery>;
  /** Event id → expiry, epoch milliseconds. */
  events: Map<string, number>;
  /** The token ledger. */
  budget: BudgetDocument;
  /** Chat grants. */
  grants: GrantDocument;
  /** The audit log's last record seen by its writers. */
  auditHead: AuditHead | null;
}

export interface StateClock {
  now: () => number;
  previewTtlMs: number;
}

export function emptyStateDocument(): StateDocument {
  return { previews: new Map(), threads: new Map(), verifiedQueries: new Map(), events: new Map(), budget: emptyBudgetDocument(), grants: new Map(), auditHead: null };
}

export function verifiedQueryKey(datasource: string, normalizedQuestion: string): string {
  return JSON.stringify([datasource, normalizedQuestion]);
}

export function savePreviewIn(document: StateDocument, preview: PendingPreview, clock: StateClock): void {
  const now = clock.now();
  for (const [previewId, existing] of document.previews) {
    if (!isPreviewFresh(existing, now, clock.previewTtlMs)) document.previews.delete(previewId);
  }
  document.previews.set(preview.previewId, structuredClone(preview));
}

export function takePreviewFrom(document: StateDocument, previewId: string, clock: StateClock): PendingPreview | undefined {
  const preview = peekPreviewIn(document, previewId, clock);
  document.previews.delete(previewId);
  return preview;
}

export function peekPreviewIn(document: StateDocument, previewId: string, clock: StateClock): PendingPreview | undefined {
  const preview = document.previews.get(previewId);
  return preview && isPreviewFresh(preview, clock.now(), clock.previewTtlMs) ? structuredClone(preview) : undefined;
}

export function appendTurnIn(document: StateDocument, threadKey: string, turn: ThreadTurn): void {
  const turns = [...(document.threads.get(threadKey) ?? []), structuredClone(turn)];
  document.threads.set(threadKey, turns.slice(-STATE_LIMITS.turnsPerThread));
}

export function recentTurnsIn(document: StateDocument, threadKey: string, limit: number): ThreadTurn[] {
  if (limit <= 0) return [];
  return structuredClone((document.threads.get(threadKey) ?? []).slice(-limit));
}

export function saveVerifiedQueryIn(document: StateDocument, query: VerifiedQuery): void {
  const key = verifiedQueryKey(query.datasource, query.normalizedQuestion);
  // Delete first, so the replaced entry moves to the end of the save order.
  document.verifiedQueries.delete(key);
  document.verifiedQueries.set(key, structuredClone(query));
}

export function listVerifiedQueriesIn(document: StateDocument, datasource: string): VerifiedQuery[] {
  return structuredClone([...document.verifiedQueries.values()].filter((query) => query.datasource === datasource));
}

export function claimEventIn(document: StateDocument, eventId: string, ttlMs: number, now: number): boolean {
  for (const [id, expiresAt] of document.events) if (expiresAt <= now) document.events.delete(id);
  if (document.events.has(eventId)) return false;
  document.events.set(eventId, now + ttlMs);
  return true;
}

export function keepAuditHeadIn(document: StateDocument, head: AuditHead): void {
  if (document.auditHead === null || head.sequence > document.auditHead.sequence) document.auditHead = { sequence: head.sequence, hash: head.hash };
}
