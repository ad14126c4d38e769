import type { FailureCode, FailureReply, Lane, NoticeReply, RefusalReply, Violation } from './types.ts';

/** Small constructors, so every reply carries its request id and lane. */

export function failure(requestId: string, lane: Lane, code: FailureCode, message: string, hint: string, sql: string | null = null): FailureReply {
  return { kind: 'failure', requestId, lane, code, message, hint, sql };
}

export function notice(requestId: string, lane: Lane, message: string): NoticeReply {
  return { kind: 'notice', requestId, lane, message };
}

export function refusal(requestId: string, lane: Lane, sql: string | null, violations: Violation[]): RefusalReply {
  return { kind: 'refusal', requestId, lane, sql, violations };
}
