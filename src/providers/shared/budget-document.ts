import { randomUUID } from 'node:crypto';
import type { BudgetUsage, ReservationRequest, ReserveOutcome } from '../../ports/budget-ledger.ts';

/**
 * The token ledger as plain data, and its synchronous operations: the memory provider calls them directly, the lowdb
 * provider inside one locked read-modify-write, so a check and its reservation can never interleave with another.
 */

export interface Reservation {
  tenant: string;
  asker: string;
  tokens: number;
  day: string;
  month: string;
  expiresAt: number;
}

export interface BudgetDocument {
  /** `[tenant, period]` as JSON → tokens used. */
  used: Map<string, number>;
  /** `[tenant, month, asker]` as JSON → tokens used. */
  askers: Map<string, number>;
  reservations: Map<string, Reservation>;
}

export function emptyBudgetDocument(): BudgetDocument {
  return { used: new Map(), askers: new Map(), reservations: new Map() };
}

const usedKey = (tenant: string, period: string) => JSON.stringify([tenant, period]);
const askerKey = (tenant: string, month: string, asker: string) => JSON.stringify([tenant, month, asker]);

function dropExpired(document: BudgetDocument, now: number): void {
  for (const [id, reservation] of document.reservations) if (reservation.expiresAt <= now) document.reservations.delete(id);
}

function reservedIn(document: BudgetDocument, tenant: string, period: 'day' | 'month', value: string): number {
  let total = 0;
  for (const reservation of document.reservations.values()) if (reservation.tenant === tenant && reservation[period] === value) total += reservation.tokens;
  return total;
}

export function reserveTokensIn(document: BudgetDocument, request: ReservationRequest, now: number, createId: () => string = randomUUID): ReserveOutcome {
  dropExpired(document, now);
  const checks = [
    { period: 'day' as const, value: request.day, limit: request.dayLimit },
    { period: 'month' as const, value: request.month, limit: request.monthLimit },
  ];
  for (const { period, value, limit } of checks) {
    const used = document.used.get(usedKey(request.tenant, value)) ?? 0;
    const reserved = reservedIn(document, request.tenant, period, value);
    if (used + reserved + request.tokens > limit) return { ok: false, period, limit, used, reserved };
  }
  const reservationId = createId();
  const { tenant, asker, tokens, day, month, expiresAt } = request;
  document.reservations.set(reservationId, { tenant, asker, tokens, day, month, expiresAt });
  return { ok: true, reservationId };
}

export function settleTokensIn(document: BudgetDocument, reservationId: string, usedTokens: number): void {
  const reservation = document.reservations.get(reservationId);
  if (!reservation) return;
  document.reservations.delete(reservationId);
  const tokens = Math.max(0, Math.round(usedTokens));
  for (const period of [reservation.day, reservation.month]) {
    const key = usedKey(reservation.tenant, period);
    document.used.set(key, (document.used.get(key) ?? 0) + tokens);
  }
  const key = askerKey(reservation.tenant, reservation.month, reservation.asker);
  document.askers.set(key, (document.askers.get(key) ?? 0) + tokens);
}

export function releaseTokensIn(document: BudgetDocument, reservationId: string): void {
  document.reservations.delete(reservationId);
}

export function budgetUsageIn(document: BudgetDocument, tenant: string, day: string, month: string, now: number): BudgetUsage {
  const live = (period: 'day' | 'month', value: string) => {
    let total = 0;
    for (const reservation of document.reservations.values()) {
      if (reservation.tenant === tenant && reservation[period] === value && reservation.expiresAt > now) total += reservation.tokens;
    }
    return total;
  };
  const topAskers: { asker: string; tokens: number }[] = [];
  for (const [key, tokens] of document.askers) {
    const [keyTenant, keyMonth, asker] = JSON.parse(key) as [string, string, string];
    if (keyTenant === tenant && keyMonth === month) topAskers.push({ asker, tokens });
  }
  topAskers.sort((left, right) => right.tokens - left.tokens || left.asker.localeCompare(right.asker));
  return {
    day: { used: document.used.get(usedKey(tenant, day)) ?? 0, reserved: live('day', day) },
    month: { used: document.used.get(usedKey(tenant, month)) ?? 0, reserved: live('month', month) },
    topAskers: topAskers.slice(0, 5),
  };
}
