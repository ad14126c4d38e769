import { describe, expect, it } from 'vitest';
import { estimatePromptTokens } from '../../src/budget/estimate-tokens.ts';
import { periodsAt } from '../../src/budget/periods.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { tenantsFileSchema } from '../../src/config/tenants.ts';
import { createAssistant } from '../../src/assistant/create-assistant.ts';
import { openFastLane } from '../../src/fast-lane/open-fast-lane.ts';
import type { ChatMessage } from '../../src/ports/language-model.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import type { Place } from '../../src/vocabulary/index.ts';
import type { FakeOpenAiStep } from '../fixtures/fake-openai-server.ts';
import { testActor, testQuestion, usePlannerFixture } from '../support/planner-fixture.ts';

/** Token budgets through the whole planner lane: reserve before each call, settle after, refuse what cannot be paid. */

const now = () => Date.UTC(2026, 10, 30, 12);
const today = periodsAt(now(), 'UTC');
const financeChannel: Place = { platform: 'cli', channelId: 'C0FIN', isDirect: false };
const tenants = tenantsFileSchema.parse({ tenants: { finance: { channels: ['cli:w:C0FIN'], tokensPerDay: 1 } } });
const ledger = createMemoryStateStore({ now });
const completionCap = 2_000;

/** The scripted model reports exactly what was reserved, so the budget admits an exact number of calls. */
function exactUsageReply(messages: ChatMessage[]): FakeOpenAiStep {
  return {
    json: { kind: 'sql', sql: 'SELECT count(*) FROM products', explanation: 'Counts products.', assumptions: [], subquestions: null, clarification: null },
    usage: { promptTokens: estimatePromptTokens(messages), completionTokens: completionCap },
  };
}

const fixture = usePlannerFixture(() => ({ state: ledger, budget: { tenants, ledger }, now }));

describe('token budgets', () => {
  it('lets exactly the affordable requests of a burst reach the model, and settles at the reported usage', async () => {
    fixture.fake.setResponder((body) => exactUsageReply(body.messages as ChatMessage[]));
    // One question outside the tenant, to learn what a call of this question costs.
    const probe = await fixture.sample.assistant.ask(testQuestion('How many products are there?', { platform: 'cli', channelId: 'C0ELSEWHERE', isDirect: false }));
    expect(probe.kind).toBe('preview');
    const perCall = estimatePromptTokens(fixture.fake.requests.at(-1)?.messages as ChatMessage[]) + completionCap;
    const finance = tenants.tenants.finance;
    if (!finance) throw new Error('no finance tenant');
    finance.tokensPerDay = perCall * 50 + perCall - 1;

    const callsBefore = fixture.fake.requests.length;
    const replies = await Promise.all(Array.from({ length: 200 }, () => fixture.sample.assistant.ask(testQuestion('How many products are there?', financeChannel))));
    expect(fixture.fake.requests.length - callsBefore).toBe(50);
    expect(replies.filter((reply) => reply.kind === 'preview')).toHaveLength(50);
    const refused = replies.filter((reply) => reply.kind === 'failure' && reply.code === 'budget-exceeded');
    expect(refused).toHaveLength(150);
    const [first] = refused;
    if (first?.kind !== 'failure') throw new Error('expected a failure');
    expect(first.message).toContain('daily token budget of finance is spent');
    expect(first.message).toContain(`this question needs about ${perCall.toLocaleString('en-US')}`);
    expect(first.message).toContain('It resets at 2026-12-01 00:00 UTC (in 12 h 0 min)');
    expect(first.hint).toContain('fast lane');

    const usage = await ledger.budgetUsage('finance', today.day, today.month);
    const settled = replies.reduce((total, reply) => total + (reply.trace ? reply.trace.promptTokens + reply.trace.completionTokens : 0), 0);
    expect(usage.day).toEqual({ used: settled, reserved: 0 });
    expect(usage.day.used).toBe(perCall * 50);
    expect(usage.topAskers).toEqual([{ asker: 'cli:u1', tokens: perCall * 50 }]);
  });

  it('releases the reservation of a call that failed without usage', async () => {
    fixture.fake.enqueue({ status: 400, body: { error: { message: 'bad request', type: 'invalid_request_error' } } });
    const place: Place = { platform: 'cli', channelId: 'C0FAIL', isDirect: false };
    const reply = await fixture.sample.assistant.ask(testQuestion('How many products are there?', place));
    expect(reply.kind).toBe('failure');
    expect(await ledger.budgetUsage('channel:cli:w:C0FAIL', today.day, today.month)).toEqual({ day: { used: 0, reserved: 0 }, month: { used: 0, reserved: 0 }, topAskers: [] });
  });

  it('keeps answering through the fast lane, at no cost, when the budget is spent', async () => {
    const state = createMemoryStateStore({ now });
    const fastLane = await openFastLane({ datasource: fixture.sample.datasource, catalog: fixture.sample.catalog, store: state });
    const spent = tenantsFileSchema.parse({ tenants: { finance: { channels: ['cli:w:C0FIN'], tokensPerDay: 1 } } });
    const assistant = createAssistant({
      datasource: fixture.sample.datasource,
      catalog: fixture.sample.catalog,
      languageModel: null,
      policies: defaultPolicies,
      today: '2025-07-01',
      state,
      fastLane: fastLane.parser,
      budget: { tenants: spent, ledger: state },
      now,
    });
    const reply = await assistant.ask(testQuestion('How many orders were placed in 2024?', financeChannel, testActor));
    expect(reply.kind).toBe('answer');
    expect(reply.trace).toMatchObject({ promptTokens: 0, completionTokens: 0 });
  });
});
