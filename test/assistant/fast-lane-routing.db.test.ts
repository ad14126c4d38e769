import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/create-assistant.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { openFastLane } from '../../src/fast-lane/open-fast-lane.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { testActor, testPlace, testQuestion, usePlannerFixture } from '../support/planner-fixture.ts';

/** Routing: the fast lane first, the planner for what it abstains on, and confirmation where configured. */

const fixture = usePlannerFixture();

async function withFastLane(confirmation: typeof defaultPolicies.confirmation) {
  const state = createMemoryStateStore();
  const fastLane = await openFastLane({ datasource: fixture.sample.datasource, catalog: fixture.sample.catalog, store: state });
  return createAssistant({
    datasource: fixture.sample.datasource,
    catalog: fixture.sample.catalog,
    languageModel: null,
    policies: { ...defaultPolicies, confirmation },
    today: '2025-07-01',
    state,
    fastLane: fastLane.parser,
    verifiedQueries: fastLane.verifiedQueries,
    suggestions: fastLane.suggestions,
  });
}

describe('fast-lane routing', () => {
  it('answers at once by default, and previews first in a channel configured for it', async () => {
    const assistant = await withFastLane({ fastLane: false, channels: { 'careful-channel': 'all' } });
    const direct = await assistant.ask(testQuestion('Number of orders per status'));
    expect(direct).toMatchObject({ kind: 'answer', lane: 'fast' });
    const careful = await assistant.ask(testQuestion('Number of orders per status', { ...testPlace, channelId: 'careful-channel' }));
    expect(careful).toMatchObject({ kind: 'preview', lane: 'fast' });
    if (careful.kind === 'preview') expect(await assistant.confirm(careful.previewId, testActor)).toMatchObject({ kind: 'answer', lane: 'fast' });
  });

  it('with no language model, says what it did not understand and suggests questions it can answer', async () => {
    const assistant = await withFastLane({ fastLane: false, channels: {} });
    const reply = await assistant.ask(testQuestion('What is the churn of our customer cohorts?'));
    expect(reply).toMatchObject({ kind: 'failure', code: 'llm-not-configured' });
    if (reply.kind === 'failure') {
      expect(reply.message).toContain('churn');
      expect(reply.hint).toContain('Questions I can answer without one');
    }
  });

  it('refuses a fast-lane question that would need personal data, instead of answering it', async () => {
    const assistant = await withFastLane({ fastLane: false, channels: {} });
    const reply = await assistant.ask(testQuestion('Average salary per department'));
    // The fast lane does not read personal data; with no language model to hand the question to, it says why.
    expect(reply).toMatchObject({ kind: 'failure', code: 'llm-not-configured' });
    if (reply.kind === 'failure') expect(reply.message).toContain('"salary" is personal data');
    expect(JSON.stringify(reply)).not.toMatch(/"rows"/);
  });
});
