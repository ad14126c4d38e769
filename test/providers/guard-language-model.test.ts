import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { LanguageModelError, type LanguageModel } from '../../src/ports/language-model.ts';
import { guardLanguageModel } from '../../src/providers/resilience/guard-language-model.ts';

function scripted(errors: (LanguageModelError | null)[]): LanguageModel & { calls: number } {
  const model = {
    name: 'scripted',
    calls: 0,
    async generate<T>(): Promise<{ value: T; usage: { promptTokens: number; completionTokens: number }; model: string }> {
      const error = errors[model.calls];
      model.calls += 1;
      if (error) throw error;
      return { value: { ok: true } as T, usage: { promptTokens: 1, completionTokens: 1 }, model: 'scripted' };
    },
  };
  return model;
}

const request = { messages: [], schema: z.object({ ok: z.boolean() }), schemaName: 'x' };
const outage = () => new LanguageModelError('unavailable', 'down');

describe('guardLanguageModel', () => {
  it('opens after consecutive outages and then fails fast without calling the model', async () => {
    const inner = scripted([outage(), outage(), outage()]);
    const guarded = guardLanguageModel(inner, { failureThreshold: 3, cooldownMs: 60_000 });
    for (let attempt = 0; attempt < 3; attempt += 1) await expect(guarded.generate(request)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(guarded.generate(request)).rejects.toThrow(/failed several times in a row \(last: down\); the next try is in \d+ s/);
    expect(inner.calls).toBe(3);
  });

  it('counts timeouts and rate limits as outages, and lets cancellations and bad credentials through uncounted', async () => {
    const counted = scripted([new LanguageModelError('timeout', 'slow'), new LanguageModelError('rate-limited', 'busy')]);
    const guardedCounted = guardLanguageModel(counted, { failureThreshold: 2, cooldownMs: 60_000 });
    await expect(guardedCounted.generate(request)).rejects.toMatchObject({ code: 'timeout' });
    await expect(guardedCounted.generate(request)).rejects.toMatchObject({ code: 'rate-limited' });
    await expect(guardedCounted.generate(request)).rejects.toThrow(/\(last: busy\)/);
    expect(counted.calls).toBe(2);

    const uncounted = scripted([new LanguageModelError('cancelled', 'stop'), new LanguageModelError('authentication', 'key'), null]);
    const guardedUncounted = guardLanguageModel(uncounted, { failureThreshold: 2 });
    await expect(guardedUncounted.generate(request)).rejects.toMatchObject({ code: 'cancelled' });
    await expect(guardedUncounted.generate(request)).rejects.toMatchObject({ code: 'authentication' });
    await expect(guardedUncounted.generate(request)).resolves.toMatchObject({ value: { ok: true } });
  });

  it('does not count malformed replies as outages', async () => {
    const malformed = () => new LanguageModelError('malformed-reply', 'bad json');
    const inner = scripted([malformed(), malformed(), malformed(), null]);
    const guarded = guardLanguageModel(inner, { failureThreshold: 2 });
    for (let attempt = 0; attempt < 3; attempt += 1) await expect(guarded.generate(request)).rejects.toMatchObject({ code: 'malformed-reply' });
    await expect(guarded.generate(request)).resolves.toMatchObject({ value: { ok: true } });
  });
});
