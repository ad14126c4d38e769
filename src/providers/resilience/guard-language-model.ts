import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { LanguageModelError, type LanguageModel } from '../../ports/language-model.ts';
import { breakerStateName, type BreakerState } from './guard-datasource.ts';

/**
 * A circuit breaker around the language model: after `failureThreshold` consecutive outages calls fail at
 * once for `cooldownMs`, then one trial call decides. Outages are the codes `timeout` (no complete answer
 * within the call's deadline), `rate-limited` and `unavailable` (unreachable, 5xx, or a response that is
 * not a completion: garbage, an HTML page, an error in a 200). A malformed or refused completion is the
 * model's answer, not an outage: it does not count.
 */
export interface GuardLanguageModelOptions {
  failureThreshold?: number;
  cooldownMs?: number;
}

const outages = new Set(['timeout', 'rate-limited', 'unavailable']);

/** A guarded model, with a read-only view of its breaker for metrics. */
export interface GuardedLanguageModel extends LanguageModel {
  breakerState(): BreakerState;
}

export function guardLanguageModel(model: LanguageModel, options: GuardLanguageModelOptions = {}): GuardedLanguageModel {
  const cooldownMs = options.cooldownMs ?? 30_000;
  const breaker = circuitBreaker(
    handleWhen((error) => error instanceof LanguageModelError && outages.has(error.code)),
    { halfOpenAfter: cooldownMs, breaker: new ConsecutiveBreaker(options.failureThreshold ?? 3) },
  );
  let openedAt = 0;
  let lastOutage = '';
  breaker.onBreak((reason) => {
    openedAt = Date.now();
    lastOutage = 'error' in reason && reason.error instanceof Error ? reason.error.message : '';
  });
  return {
    name: model.name,
    breakerState: () => breakerStateName(breaker.state),
    async generate(request) {
      try {
        return await breaker.execute(() => model.generate(request));
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          const seconds = Math.max(1, Math.ceil((openedAt + cooldownMs - Date.now()) / 1000));
          const last = lastOutage === '' ? '' : ` (last: ${lastOutage})`;
          throw new LanguageModelError('unavailable', `The language model ${model.name} failed several times in a row${last}; the next try is in ${seconds} s.`, { cause: error });
        }
        throw error;
      }
    },
  };
}
