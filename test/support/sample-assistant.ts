import { createAssistant, type Assistant, type AssistantConfig } from '../../src/assistant/create-assistant.ts';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { loadYamlFile } from '../../src/config/load-yaml-file.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import type { Datasource } from '../../src/ports/datasource.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { createOpenAiLanguageModel } from '../../src/providers/openai/create-openai-language-model.ts';
import { openAiSetup } from '../../src/providers/openai/openai-setup.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';

/** An Assistant over a sample database, planning through the real openai client against a fake server. */
export interface SampleAssistant {
  assistant: Assistant;
  datasource: Datasource;
  catalog: Catalog;
  close(): Promise<void>;
}

export async function openSampleAssistant(options: {
  databaseUrl: string;
  openAiBaseUrl?: string | undefined;
  timeoutMs?: number | undefined;
  overrides?: Partial<AssistantConfig>;
}): Promise<SampleAssistant> {
  const datasource = createPostgresDatasource({ name: 'sample', connectionString: options.databaseUrl, schemas: ['public'] });
  const semantic = await loadYamlFile('configs/semantic/sample.yaml', semanticModelSchema);
  const catalog = buildCatalog({
    datasource: 'sample',
    snapshot: await datasource.introspect(),
    semantic,
    semanticSource: 'configs/semantic/sample.yaml',
    searchPath: ['public'],
    largeTableRows: defaultPolicies.limits.largeTableRows,
  });
  const languageModel = options.openAiBaseUrl
    ? createOpenAiLanguageModel({ apiKey: 'test-key', baseURL: options.openAiBaseUrl, model: 'scripted', maxRetries: 1, timeoutMs: options.timeoutMs ?? 5000 })
    : null;
  const assistant = createAssistant({
    datasource,
    catalog,
    languageModel,
    languageModelSetup: openAiSetup,
    policies: defaultPolicies,
    today: '2025-07-01',
    ...options.overrides,
    state: options.overrides?.state ?? createMemoryStateStore(),
  });
  return { assistant, datasource, catalog, close: () => datasource.close() };
}
