import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { LanguageModelError, type LanguageModel } from '../../ports/language-model.ts';

/**
 * A circuit breaker around the language model: after `failureThreshold` consecutive outages (timeouts,
 * rate limits after retries, unreachable service) calls fail at once for `cooldownMs`, then one trial
 * call decides. A malformed or refused reply is the model's answer, not an outage: it does not count.
 */
export interface GuardLanguageModelOptions {
  failureThreshold?: number;
  cooldownMs?: number;
}

const outages = new Set(['timeout', 'rate-limited', 'unavailable']);

export function guardLanguageModel(model: LanguageModel, options: GuardLanguageModelOptions = {}): LanguageModel {
  const cooldownMs = options.cooldownMs ?? 30_000;
  const breaker = circuitBreaker(
    handleWhen((error) => error instanceof LanguageModelError && outages.has(error.code)),
    { halfOpenAfter: cooldownMs, breaker: new ConsecutiveBreaker(options.failureThreshold ?? 3) },
  );
  let openedAt = 0;
  breaker.onBreak(() => {
    openedAt = Date.now();
  });
  return {
    name: model.name,
    async generate(request) {
      try {
        return await breaker.execute(() => model.generate(request));
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          const seconds = Math.max(1, Math.ceil((openedAt + cooldownMs - Date.now()) / 1000));
          throw new LanguageModelError('unavailable', `The language model ${model.name} failed several times in a row; the next try is in ${seconds} s.`, { cause: error });
        }
        throw error;
      }
    },
  };
}
