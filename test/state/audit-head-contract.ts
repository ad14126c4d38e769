import { describe, expect, it } from 'vitest';
import type { AuditHeadStore } from '../../src/ports/state-store.ts';

/** The kept audit head: every StateStore provider keeps the highest sequence it was given. */
export function auditHeadContract(name: string, open: () => Promise<{ heads: AuditHeadStore; close(): Promise<void> }>): void {
  describe(`${name}: audit head contract`, () => {
    it('keeps the latest head, never moving it back', async () => {
      const { heads, close } = await open();
      try {
        expect(await heads.keptAuditHead()).toBeNull();
        await heads.keepAuditHead({ sequence: 2, hash: 'b'.repeat(64) });
        await Promise.all([heads.keepAuditHead({ sequence: 5, hash: 'e'.repeat(64) }), heads.keepAuditHead({ sequence: 3, hash: 'c'.repeat(64) })]);
        await heads.keepAuditHead({ sequence: 4, hash: 'd'.repeat(64) });
        expect(await heads.keptAuditHead()).toEqual({ sequence: 5, hash: 'e'.repeat(64) });
      } finally {
        await close();
      }
    });
  });
}
