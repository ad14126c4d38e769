import type { Random } from './random.ts';

/** The sample data's calendar: everything happens in [2022-01-01, 2025-07-01), more of it as the shop grows. */

/** The reference "today" of the sample data: every timestamp is strictly before it. */
export const SAMPLE_TODAY = '2025-07-01';

export const SAMPLE_PERIOD_START_MS = Date.UTC(2022, 0, 1);
export const SAMPLE_PERIOD_END_MS = Date.parse(`${SAMPLE_TODAY}T00:00:00Z`);

const PERIOD_LENGTH_MS = SAMPLE_PERIOD_END_MS - SAMPLE_PERIOD_START_MS;
const DAY_MS = 86_400_000;
/** Extra activity in November and December (the gift season), relative to other months. */
const GIFT_SEASON_BOOST = 0.6;
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 4, 4.5, 5, 5.5, 5, 4.5, 4.5, 5, 5.5, 6, 6.5, 6.5, 5.5, 4, 2];
const HOUR_WEIGHT_MAXIMUM = Math.max(...HOUR_WEIGHTS);

/**
 * Activity grows linearly over the period: at its end it is `1 + growth` times what it was at its start.
 * Returns the share of activity before relative time `fraction` in [0, 1].
 */
function cumulativeShare(fraction: number, growth: number): number {
  return (fraction + (growth * fraction * fraction) / 2) / (1 + growth / 2);
}

function inverseCumulativeShare(share: number, growth: number): number {
  if (growth === 0) return share;
  return (-1 + Math.sqrt(1 + 2 * growth * share * (1 + growth / 2))) / growth;
}

function fractionOf(moment: number): number {
  return Math.min(1, Math.max(0, (moment - SAMPLE_PERIOD_START_MS) / PERIOD_LENGTH_MS));
}

/**
 * A moment in [notBeforeMs, beforeMs) (whole seconds; by default the whole period), with activity growing by `growth`
 * over the period, a gift-season peak and more activity during the day than at night (UTC).
 */
export function drawMoment(random: Random, growth: number, notBeforeMs: number = SAMPLE_PERIOD_START_MS, beforeMs: number = SAMPLE_PERIOD_END_MS): number {
  const lowerShare = cumulativeShare(fractionOf(notBeforeMs), growth);
  const upperShare = cumulativeShare(fractionOf(beforeMs), growth);
  const latest = Math.min(beforeMs, SAMPLE_PERIOD_END_MS) - 1000;
  for (let attempt = 0; ; attempt += 1) {
    const share = lowerShare + random.next() * (upperShare - lowerShare);
    const moment = SAMPLE_PERIOD_START_MS + Math.floor(inverseCumulativeShare(share, growth) * PERIOD_LENGTH_MS);
    const date = new Date(moment);
    const seasonWeight = date.getUTCMonth() >= 10 ? 1 : 1 / (1 + GIFT_SEASON_BOOST);
    const hourWeight = (HOUR_WEIGHTS[date.getUTCHours()] as number) / HOUR_WEIGHT_MAXIMUM;
    // Rejection sampling; after many attempts (a very narrow window) accept whatever came.
    if (attempt > 50 || random.next() < seasonWeight * hourWeight) {
      const wholeSeconds = Math.ceil(moment / 1000) * 1000;
      return Math.min(Math.max(wholeSeconds, notBeforeMs), latest);
    }
  }
}

/** Share of the period's activity (at `growth`) still to come after `moment`; 0 within a day of the end. */
export function remainingShare(moment: number, growth: number): number {
  if (moment >= SAMPLE_PERIOD_END_MS - DAY_MS) return 0;
  return 1 - cumulativeShare(fractionOf(moment), growth);
}

export function toIsoTimestamp(moment: number): string {
  return new Date(moment).toISOString();
}
