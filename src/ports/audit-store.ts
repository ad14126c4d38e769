import { z } from 'zod';
import { laneSchema } from '../vocabulary/reply.ts';

/**
 * The audit log: one record per event (who asked what, where, when, which SQL ran), append-only and tamper-evident.
 * Each record carries its sequence number and the SHA-256 of the previous record (a hash chain). Kept apart from the
 * application state. Never the result rows, never a secret.
 */

export const auditEventKindSchema = z.enum([
  'asked',
  'previewed',
  'refused',
  'clarified',
  'failed',
  'budget-refused',
  'confirmed',
  'cancelled',
  'executing',
  'executed',
  'granted',
  'revoked',
]);
export type AuditEventKind = z.infer<typeof auditEventKindSchema>;

export const auditEventSchema = z
  .object({
    kind: auditEventKindSchema,
    /** UTC, ISO 8601. */
    at: z.string(),
    requestId: z.string(),
    /** The identity (`slack:T1:U2`) of whoever acted: the asker, the clicker, the admin. */
    actor: z.string(),
    email: z.string().optional(),
    /** `slack:T1:C0FIN`, and the thread. */
    channel: z.string().optional(),
    threadId: z.string().optional(),
    /** The tenant charged for the question's tokens. */
    tenant: z.string().optional(),
    lane: laneSchema.optional(),
    question: z.string().optional(),
    sql: z.string().optional(),
    rowCount: z.number().optional(),
    durationMs: z.number().optional(),
    /** Where an answer was shown: `private` when it held personal data in a shared place. */
    audience: z.enum(['thread', 'private']).optional(),
    personalData: z.array(z.string()).optional(),
    /** The row policies applied to the SQL, by name (`sales-iberia on customers`); the SQL holds their values. */
    rowPolicies: z.array(z.string()).optional(),
    violations: z.array(z.object({ rule: z.string(), message: z.string() })).optional(),
    /** A failure's code, or what a grant or revoke was about. */
    detail: z.string().optional(),
    tokens: z.object({ prompt: z.number(), completion: z.number() }).optional(),
  })
  .strict();
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditRecordSchema = auditEventSchema.extend({
  sequence: z.number().int().min(1),
  previousHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export interface AuditHead {
  sequence: number;
  hash: string;
}

export interface AuditStore {
  /** Appends the event after the last record, chaining it; resolves once the record is durable. */
  append(event: AuditEvent): Promise<AuditRecord>;
  /** Every record in order, as stored (unparsed fields are left for `verify` to judge). */
  records(): AsyncIterable<unknown>;
  close(): Promise<void>;
}

export class AuditError extends Error {
  override readonly name = 'AuditError';
}
