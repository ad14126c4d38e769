import { createHash } from 'node:crypto';
import { auditRecordSchema, type AuditEvent, type AuditHead, type AuditRecord } from '../ports/audit-store.ts';

/** The audit log's hash chain: each record's hash covers its sequence, the previous hash and its event. */

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so a record hashes the same whatever order its fields were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
    entries.sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainRecord(event: AuditEvent, previous: AuditHead | null): AuditRecord {
  const sequence = (previous?.sequence ?? 0) + 1;
  const previousHash = previous?.hash ?? GENESIS_HASH;
  return { ...event, sequence, previousHash, hash: recordHash(event, sequence, previousHash) };
}

function recordHash(event: AuditEvent, sequence: number, previousHash: string): string {
  return createHash('sha256').update(canonicalJson({ ...event, sequence, previousHash })).digest('hex');
}

export type ChainVerdict =
  | { ok: true; records: number; head: AuditHead | null }
  | { ok: false; records: number; sequence: number | null; problem: string };

/**
 * Checks every record in order: its shape, its sequence (1, 2, 3…), that it names the previous record's hash, and that
 * its own hash matches its content. `expectedHead`, when given (the last sequence and hash kept elsewhere), also
 * catches records cut off the end.
 */
export async function verifyChain(records: AsyncIterable<unknown>, expectedHead?: AuditHead | null): Promise<ChainVerdict> {
  let previous: AuditHead | null = null;
  let count = 0;
  for await (const raw of records) {
    count += 1;
    const position: number = previous === null ? 1 : (previous as AuditHead).sequence + 1;
    const parsed = auditRecordSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, records: count, sequence: position, problem: `record ${count} is not an audit record (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})` };
    const record = parsed.data;
    if (record.sequence !== position) {
      return { ok: false, records: count, sequence: record.sequence, problem: `record ${count} has sequence ${record.sequence} where ${position} was expected (a record was deleted, inserted or moved)` };
    }
    if (record.previousHash !== (previous?.hash ?? GENESIS_HASH)) {
      return { ok: false, records: count, sequence: record.sequence, problem: `record ${record.sequence} does not follow record ${position - 1} (its previous hash differs: a record was replaced or moved)` };
    }
    const { sequence, previousHash, hash, ...event }: AuditRecord = record;
    if (recordHash(event, sequence, previousHash) !== hash) {
      return { ok: false, records: count, sequence, problem: `record ${sequence} was changed after it was written (its hash does not match its content)` };
    }
    previous = { sequence, hash };
  }
  if (expectedHead && (previous === null || previous.sequence < expectedHead.sequence)) {
    return { ok: false, records: count, sequence: previous === null ? 1 : previous.sequence + 1, problem: `the log ends at record ${previous?.sequence ?? 0}, but record ${expectedHead.sequence} was written (records were cut off the end)` };
  }
  if (expectedHead && previous !== null && previous.sequence === expectedHead.sequence && previous.hash !== expectedHead.hash) {
    return { ok: false, records: count, sequence: previous.sequence, problem: `record ${previous.sequence} is not the record that was written last (its hash differs from the kept head)` };
  }
  return { ok: true, records: count, head: previous };
}
