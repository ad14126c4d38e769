/**
 * The token ledger: reserve before a language-model call, settle with what the provider reported after it, release on
 * failure. Part of the StateStore, so one process or several replicas (postgres) share it; a reservation never lets
 * a tenant's day or month go past its limit, even when processes reserve at the same moment.
 */

export interface ReservationRequest {
  tenant: string;
  /** Who asked (`slack:T123:U456`), for the top askers. */
  asker: string;
  tokens: number;
  /** The periods the tokens count against (`2026-11-30`, `2026-11`) and their limits. */
  day: string;
  month: string;
  dayLimit: number;
  monthLimit: number;
  /** Epoch milliseconds after which an unsettled reservation (a crashed process's) no longer counts. */
  expiresAt: number;
}

export type ReserveOutcome =
  | { ok: true; reservationId: string }
  /** The period that would be exceeded, with its figures at that moment. */
  | { ok: false; period: 'day' | 'month'; limit: number; used: number; reserved: number };

export interface PeriodUsage {
  used: number;
  /** Tokens held by live reservations. */
  reserved: number;
}

export interface BudgetUsage {
  day: PeriodUsage;
  month: PeriodUsage;
  /** The month's largest askers, most tokens first (at most 5). */
  topAskers: { asker: string; tokens: number }[];
}

export interface BudgetLedgerStore {
  reserveTokens(request: ReservationRequest): Promise<ReserveOutcome>;
  /** Ends a reservation, charging the tokens really used (more or fewer than reserved). Unknown ids are ignored. */
  settleTokens(reservationId: string, usedTokens: number): Promise<void>;
  /** Ends a reservation, charging nothing. Unknown ids are ignored. */
  releaseTokens(reservationId: string): Promise<void>;
  budgetUsage(tenant: string, day: string, month: string): Promise<BudgetUsage>;
}
