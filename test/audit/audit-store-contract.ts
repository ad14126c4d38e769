import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/hash-chain.ts';
import type { AuditEvent, AuditRecord, AuditStore } from '../../src/ports/audit-store.ts';

/**
 * The AuditStore contract: every provider appends one chain, and every kind of tampering with what it stored is found
 * by `verifyChain`, naming the record. `open` gives a fresh, empty store and the means to tamper with its storage.
 */

export interface Tampering {
  /** Replaces the stored form of record `sequence` (the JSON text) with `change(record)`. */
  rewrite(sequence: number, change: (record: AuditRecord) => unknown): Promise<void>;
  remove(sequence: number): Promise<void>;
  /** Exchanges the stored places of two records. */
  swap(first: number, second: number): Promise<void>;
}

export interface AuditStoreUnderTest {
  store: AuditStore;
  tamper: Tampering;
  close(): Promise<void>;
}

export const sampleEvent = (index: number): AuditEvent => ({
  kind: 'executed',
  at: new Date(Date.UTC(2026, 10, 30, 12, 0, index)).toISOString(),
  requestId: `r-${index}`,
  actor: 'slack:T1:U1',
  email: 'ana@example.com',
  channel: 'slack:T1:C1',
  lane: 'fast',
  question: `question ${index} with a NUL \u0000 and é`,
  sql: `SELECT ${index}`,
  rowCount: index,
  durationMs: 1.5,
});

export function auditStoreContract(name: string, open: () => Promise<AuditStoreUnderTest>): void {
  describe(`${name}: audit store contract`, () => {
    const withStore = async (test: (subject: AuditStoreUnderTest) => Promise<void>) => {
      const subject = await open();
      try {
        await test(subject);
      } finally {
        await subject.close();
      }
    };
    const appendFive = async (store: AuditStore) => {
      const written: AuditRecord[] = [];
      for (let index = 1; index <= 5; index += 1) written.push(await store.append(sampleEvent(index)));
      return written;
    };
    const collect = async (store: AuditStore) => {
      const all: unknown[] = [];
      for await (const record of store.records()) all.push(record);
      return all;
    };

    it('appends one chain, reads it back as written, and verifies it', () =>
      withStore(async ({ store }) => {
        const written = await appendFive(store);
        expect(written.map((record) => record.sequence)).toEqual([1, 2, 3, 4, 5]);
        expect(written[1]?.previousHash).toBe(written[0]?.hash);
        expect(await collect(store)).toEqual(written);
        expect(await verifyChain(store.records(), { sequence: 5, hash: written[4]?.hash as string })).toEqual({ ok: true, records: 5, head: { sequence: 5, hash: written[4]?.hash } });
      }));

    it('keeps one chain when appends come at once', () =>
      withStore(async ({ store }) => {
        await Promise.all(Array.from({ length: 20 }, (_, index) => store.append(sampleEvent(index))));
        const verdict = await verifyChain(store.records());
        expect(verdict).toMatchObject({ ok: true, records: 20 });
      }));

    it('finds an edited record', () =>
      withStore(async ({ store, tamper }) => {
        await appendFive(store);
        await tamper.rewrite(3, (record) => ({ ...record, sql: 'SELECT 42' }));
        expect(await verifyChain(store.records())).toMatchObject({ ok: false, sequence: 3, problem: 'record 3 was changed after it was written (its hash does not match its content)' });
      }));

    it('finds a deleted record', () =>
      withStore(async ({ store, tamper }) => {
        await appendFive(store);
        await tamper.remove(3);
        expect(await verifyChain(store.records())).toMatchObject({ ok: false, sequence: 4, problem: expect.stringContaining('where 3 was expected') });
      }));

    it('finds reordered records', () =>
      withStore(async ({ store, tamper }) => {
        await appendFive(store);
        await tamper.swap(2, 4);
        expect(await verifyChain(store.records())).toMatchObject({ ok: false, sequence: 4, problem: expect.stringContaining('where 2 was expected') });
      }));

    it('finds an inserted record, even one with a recomputed sequence', () =>
      withStore(async ({ store, tamper }) => {
        const written = await appendFive(store);
        // A forger who renumbers and rehashes record 3 still cannot make record 4 point at it.
        const forged = { ...(written[2] as AuditRecord), sql: 'SELECT forged' };
        await tamper.rewrite(3, () => ({ ...forged, hash: 'f'.repeat(64) }));
        expect(await verifyChain(store.records())).toMatchObject({ ok: false, sequence: 3 });
      }));

    it('finds records cut off the end when the head was kept', () =>
      withStore(async ({ store, tamper }) => {
        const written = await appendFive(store);
        await tamper.remove(5);
        expect(await verifyChain(store.records())).toMatchObject({ ok: true, records: 4 });
        expect(await verifyChain(store.records(), { sequence: 5, hash: written[4]?.hash as string })).toMatchObject({ ok: false, sequence: 5, problem: expect.stringContaining('cut off the end') });
      }));

    it('finds a record that is not JSON', () =>
      withStore(async ({ store, tamper }) => {
        await appendFive(store);
        await tamper.rewrite(2, () => 'not json');
        expect(await verifyChain(store.records())).toMatchObject({ ok: false, sequence: 2, problem: expect.stringContaining('is not an audit record') });
      }));
  });
}
