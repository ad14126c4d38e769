import { tenantFor } from '../budget/tenant.ts';
import type { AuditEvent, AuditEventKind } from '../ports/audit-store.ts';
import { actorKey, channelKey, type Actor, type Place } from '../vocabulary/actor.ts';
import { failure, type FailureReply, type Lane, type Reply } from '../vocabulary/reply.ts';
import type { AssistantConfig } from './assistant.ts';

/**
 * What the flows write to the audit log: who (identity, e-mail), where (channel, thread, tenant), when, and what
 * (question, SQL, row count, outcome). Records about a question are best effort and not waited for (the store keeps
 * their order and writes them before it closes); the record before SQL runs is a gate, waited for: when it cannot be
 * written, the SQL does not run (fail closed).
 */

export interface AuditSubject {
  requestId: string;
  actor: Actor;
  place?: Place | undefined;
}

export type AuditDetails = Omit<AuditEvent, 'kind' | 'at' | 'requestId' | 'actor' | 'email' | 'channel' | 'threadId' | 'tenant'>;

export interface AuditTrail {
  /** Queues the record; a failure is reported through `onUnexpectedError`, never to the flow. */
  note(kind: AuditEventKind, subject: AuditSubject, details?: AuditDetails): Promise<void>;
  /** Writes the record that SQL is about to run; a failure reply when it could not be written (nothing must run). */
  gate(subject: AuditSubject, lane: Lane, sql: string, rowPolicies?: string[]): Promise<FailureReply | null>;
}

export function createAuditTrail(config: AssistantConfig, now: () => number): AuditTrail {
  const event = (kind: AuditEventKind, subject: AuditSubject, details: AuditDetails = {}): AuditEvent => {
    const { actor, place } = subject;
    return {
      kind,
      at: new Date(now()).toISOString(),
      requestId: subject.requestId,
      actor: actorKey(actor),
      ...(actor.email ? { email: actor.email } : {}),
      ...(place ? { channel: channelKey(actor, place), ...(place.threadId ? { threadId: place.threadId } : {}) } : {}),
      ...(place && config.budget ? { tenant: tenantFor(actor, place, config.budget.tenants).id } : {}),
      ...details,
    };
  };
  return {
    async note(kind, subject, details) {
      if (!config.audit) return;
      config.audit.append(event(kind, subject, details)).catch((error: unknown) => config.onUnexpectedError?.(error, subject.requestId));
    },
    async gate(subject, lane, sql, rowPolicies = []) {
      if (!config.audit) return null;
      try {
        await config.audit.append(event('executing', subject, { lane, sql, ...(rowPolicies.length > 0 ? { rowPolicies } : {}) }));
        return null;
      } catch (error) {
        config.onUnexpectedError?.(error, subject.requestId);
        return failure(subject.requestId, lane, 'audit-unavailable', 'The query was not run: its audit record could not be written.', 'Ask again in a moment; if this persists, the operator should check the audit store (sql-eval audit verify).', sql);
      }
    },
  };
}

/** The record a reply to a question leaves; answers are recorded where they run (`executed`). */
export function outcomeRecord(reply: Reply): { kind: AuditEventKind; details: AuditDetails } | null {
  const tokens = reply.trace ? { tokens: { prompt: reply.trace.promptTokens, completion: reply.trace.completionTokens } } : {};
  switch (reply.kind) {
    case 'preview':
      return { kind: 'previewed', details: { lane: reply.lane, sql: reply.sql, ...(reply.rowPolicies?.length ? { rowPolicies: reply.rowPolicies } : {}), ...tokens } };
    case 'refusal':
      return { kind: 'refused', details: { lane: reply.lane, ...(reply.sql ? { sql: reply.sql } : {}), violations: reply.violations.map(({ rule, message }) => ({ rule, message })), ...tokens } };
    case 'failure':
      return { kind: reply.code === 'budget-exceeded' ? 'budget-refused' : 'failed', details: { lane: reply.lane, detail: reply.code, ...(reply.sql ? { sql: reply.sql } : {}), ...tokens } };
    case 'clarification':
      return { kind: 'clarified', details: { lane: reply.lane, ...tokens } };
    default:
      return null;
  }
}
