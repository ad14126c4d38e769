import type { BudgetLedgerStore } from '../ports/budget-ledger.ts';
import { LanguageModelError, type GenerateRequest, type LanguageModel } from '../ports/language-model.ts';
import { estimatePromptTokens } from './estimate-tokens.ts';
import { describeReset, type BudgetPeriods } from './periods.ts';
import type { Tenant } from './tenant.ts';

/**
 * A language model that charges one request's calls to its tenant: before each call it estimates the tokens (the
 * prompt counted, plus the completion cap) and reserves them against the request's cap and the tenant's day and
 * month; after the call it settles with the usage the provider reported (or releases the reservation when nothing was
 * reported). A call that would pass either cap is refused before it is made with `LanguageModelError('budget-exceeded')`.
 * Decomposed parts and repairs of one request share the meter, so they share its cap.
 */

export interface MeterOptions {
  ledger: BudgetLedgerStore;
  tenant: Tenant;
  asker: string;
  periods: BudgetPeriods;
  /** The completion cap sent with every call, reserved in full. */
  completionTokens: number;
  /** How long an unsettled reservation (a crashed process's) counts. */
  reservationTtlMs: number;
  now: () => number;
}

export interface Meter {
  readonly languageModel: LanguageModel;
  /** Tokens this request has settled so far. */
  spent(): number;
}

export function meterLanguageModel(model: LanguageModel, options: MeterOptions): Meter {
  const { ledger, tenant, periods } = options;
  let spent = 0;
  let reserved = 0;

  async function generate<T>(request: GenerateRequest<T>) {
    const estimate = estimatePromptTokens(request.messages) + options.completionTokens;
    const requestCap = tenant.limits.tokensPerRequest;
    if (spent + reserved + estimate > requestCap) {
      throw new LanguageModelError(
        'budget-exceeded',
        `This question would need about ${format(estimate)} more tokens, and a question may use ${format(requestCap)} (${format(Math.max(0, requestCap - spent - reserved))} left for it).`,
      );
    }
    const outcome = await ledger.reserveTokens({
      tenant: tenant.id,
      asker: options.asker,
      tokens: estimate,
      day: periods.day,
      month: periods.month,
      dayLimit: tenant.limits.tokensPerDay,
      monthLimit: tenant.limits.tokensPerMonth,
      expiresAt: options.now() + options.reservationTtlMs,
    });
    if (!outcome.ok) {
      const left = Math.max(0, outcome.limit - outcome.used - outcome.reserved);
      const resetsAt = outcome.period === 'day' ? periods.dayResetsAt : periods.monthResetsAt;
      throw new LanguageModelError(
        'budget-exceeded',
        `The ${outcome.period === 'day' ? 'daily' : 'monthly'} token budget of ${tenant.id} is spent: ${format(left)} of ${format(outcome.limit)} tokens left, and this question needs about ${format(estimate)}. It resets ${describeReset(resetsAt, options.now())}.`,
      );
    }
    reserved += estimate;
    try {
      const result = await model.generate({ ...request, maxOutputTokens: request.maxOutputTokens ?? options.completionTokens });
      const used = result.usage.promptTokens + result.usage.completionTokens;
      await ledger.settleTokens(outcome.reservationId, used);
      spent += used;
      return result;
    } catch (error) {
      const usage = error instanceof LanguageModelError ? error.usage : undefined;
      if (usage) {
        const used = usage.promptTokens + usage.completionTokens;
        await ledger.settleTokens(outcome.reservationId, used);
        spent += used;
      } else {
        await ledger.releaseTokens(outcome.reservationId);
      }
      throw error;
    } finally {
      reserved -= estimate;
    }
  }

  return { languageModel: { name: model.name, generate }, spent: () => spent };
}

function format(tokens: number): string {
  return tokens.toLocaleString('en-US');
}
