import { describe, expect, it } from 'vitest';
import type { BudgetLedgerStore, ReservationRequest } from '../../src/ports/budget-ledger.ts';

/**
 * The token-ledger contract every StateStore provider passes. `open` gets a clock the test moves; each call gets a
 * fresh, empty store.
 */

export interface LedgerUnderTest {
  ledger: BudgetLedgerStore;
  close(): Promise<void>;
}

const request = (overrides: Partial<ReservationRequest> = {}): ReservationRequest => ({
  tenant: 'finance',
  asker: 'slack:T1:U1',
  tokens: 100,
  day: '2026-11-30',
  month: '2026-11',
  dayLimit: 1000,
  monthLimit: 5000,
  expiresAt: 10_000,
  ...overrides,
});

export function budgetLedgerContract(name: string, open: (now: () => number) => Promise<LedgerUnderTest>): void {
  describe(`${name}: budget ledger contract`, () => {
    const withLedger = async (test: (ledger: BudgetLedgerStore, clock: { at: number }) => Promise<void>) => {
      const clock = { at: 1_000 };
      const opened = await open(() => clock.at);
      try {
        await test(opened.ledger, clock);
      } finally {
        await opened.close();
      }
    };

    it('reserves within the limits and refuses past them, with the figures', () =>
      withLedger(async (ledger) => {
        const first = await ledger.reserveTokens(request({ tokens: 600 }));
        expect(first.ok).toBe(true);
        expect(await ledger.reserveTokens(request({ tokens: 500 }))).toEqual({ ok: false, period: 'day', limit: 1000, used: 0, reserved: 600 });
        expect((await ledger.reserveTokens(request({ tokens: 400 }))).ok).toBe(true);
        expect(await ledger.budgetUsage('finance', '2026-11-30', '2026-11')).toMatchObject({ day: { used: 0, reserved: 1000 }, month: { used: 0, reserved: 1000 } });
        // Another tenant is not affected.
        expect((await ledger.reserveTokens(request({ tenant: 'hr', tokens: 900 }))).ok).toBe(true);
      }));

    it('settles at the real usage, above or below the reservation, and releases on failure', () =>
      withLedger(async (ledger) => {
        const over = await ledger.reserveTokens(request({ tokens: 100 }));
        const under = await ledger.reserveTokens(request({ tokens: 300, asker: 'slack:T1:U2' }));
        const failed = await ledger.reserveTokens(request({ tokens: 200 }));
        if (!over.ok || !under.ok || !failed.ok) throw new Error('expected reservations');
        await ledger.settleTokens(over.reservationId, 250);
        await ledger.settleTokens(under.reservationId, 120);
        await ledger.releaseTokens(failed.reservationId);
        // A second settle or release of the same reservation changes nothing.
        await ledger.settleTokens(over.reservationId, 999);
        await ledger.releaseTokens(under.reservationId);
        const usage = await ledger.budgetUsage('finance', '2026-11-30', '2026-11');
        expect(usage).toEqual({
          day: { used: 370, reserved: 0 },
          month: { used: 370, reserved: 0 },
          topAskers: [
            { asker: 'slack:T1:U1', tokens: 250 },
            { asker: 'slack:T1:U2', tokens: 120 },
          ],
        });
        expect(await ledger.reserveTokens(request({ tokens: 700 }))).toEqual({ ok: false, period: 'day', limit: 1000, used: 370, reserved: 0 });
      }));

    it("lets a crashed request's reservation expire", () =>
      withLedger(async (ledger, clock) => {
        expect((await ledger.reserveTokens(request({ tokens: 1000, expiresAt: 5_000 }))).ok).toBe(true);
        expect((await ledger.reserveTokens(request({ tokens: 1 }))).ok).toBe(false);
        clock.at = 5_000;
        expect((await ledger.budgetUsage('finance', '2026-11-30', '2026-11')).day.reserved).toBe(0);
        expect((await ledger.reserveTokens(request({ tokens: 1000 }))).ok).toBe(true);
      }));

    it('starts a new day from zero and keeps counting the month', () =>
      withLedger(async (ledger) => {
        const reservation = await ledger.reserveTokens(request({ tokens: 900 }));
        if (!reservation.ok) throw new Error('expected a reservation');
        await ledger.settleTokens(reservation.reservationId, 900);
        expect((await ledger.reserveTokens(request({ tokens: 900 }))).ok).toBe(false);
        const nextDay = await ledger.reserveTokens(request({ tokens: 900, day: '2026-12-01', month: '2026-11' }));
        expect(nextDay.ok).toBe(true);
        expect(await ledger.reserveTokens(request({ day: '2026-12-02', dayLimit: 10_000, tokens: 4000 }))).toEqual({ ok: false, period: 'month', limit: 5000, used: 900, reserved: 900 });
      }));

    it('never lets concurrent reservations pass the limit', () =>
      withLedger(async (ledger) => {
        const outcomes = await Promise.all(Array.from({ length: 200 }, () => ledger.reserveTokens(request({ tokens: 20 }))));
        expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(50);
        const usage = await ledger.budgetUsage('finance', '2026-11-30', '2026-11');
        expect(usage.day.reserved).toBe(1000);
      }));
  });
}
