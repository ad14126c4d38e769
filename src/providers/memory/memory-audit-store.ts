import { chainRecord } from '../../audit/hash-chain.ts';
import type { AuditRecord, AuditStore } from '../../ports/audit-store.ts';

/** The audit log in this process only: for tests and runs that keep nothing (`eval`). */
export function createMemoryAuditStore(): AuditStore & { readonly recorded: AuditRecord[] } {
  const recorded: AuditRecord[] = [];
  return {
    recorded,
    async append(event) {
      const last = recorded.at(-1);
      const record = chainRecord(event, last ? { sequence: last.sequence, hash: last.hash } : null);
      recorded.push(record);
      return structuredClone(record);
    },
    async *records() {
      for (const record of recorded) yield structuredClone(record);
    },
    async close() {},
  };
}
