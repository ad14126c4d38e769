import { createAssistant, type Assistant } from '../src/assistant/create-assistant.ts';
import type { Catalog } from '../src/catalog/catalog.ts';
import { defaultPolicies } from '../src/config/policies.ts';
import { openFastLane } from '../src/fast-lane/open-fast-lane.ts';
import type { Datasource } from '../src/ports/datasource.ts';
import type { StateStore } from '../src/ports/state-store.ts';
import { createMemoryStateStore } from '../src/providers/memory/memory-state-store.ts';
import { createOpenAiLanguageModel } from '../src/providers/openai/create-openai-language-model.ts';
import { startFakeOpenAiServer, sqlReply } from '../test/fixtures/fake-openai-server.ts';

/**
 * The assistant the chat benches drive: the sample database, its fast lane, and a scripted model (through the real
 * openai client) that plans every question as "orders per status", after `modelDelayMs`.
 */

export interface BenchAssistant {
  assistant: Assistant;
  state: StateStore;
  close(): Promise<void>;
}

export async function openBenchAssistant(input: { datasource: Datasource; catalog: Catalog }, options: { modelDelayMs?: number; lane?: 'llm' | 'auto' } = {}): Promise<BenchAssistant> {
  const openAi = await startFakeOpenAiServer({ delayMs: options.modelDelayMs, responder: () => sqlReply('SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY status', 'Orders per status.') });
  const state = createMemoryStateStore();
  const fastLane = await openFastLane({ datasource: input.datasource, catalog: input.catalog, store: state });
  const assistant = createAssistant({
    datasource: input.datasource,
    catalog: input.catalog,
    languageModel: createOpenAiLanguageModel({ apiKey: 'bench', baseURL: openAi.baseURL, model: 'scripted', maxRetries: 0, timeoutMs: 30_000 }),
    policies: defaultPolicies,
    today: '2025-07-01',
    lane: options.lane,
    state,
    fastLane: fastLane.parser,
    suggestions: fastLane.suggestions,
  });
  return {
    assistant,
    state,
    close: async () => {
      await fastLane.close();
      await openAi.close();
    },
  };
}
