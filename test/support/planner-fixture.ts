import { afterAll, beforeAll } from 'vitest';
import type { Actor, Place, Question } from '../../src/vocabulary/index.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fixtures/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { openSampleAssistant, type SampleAssistant } from './sample-assistant.ts';

/** The usual planner-lane test set-up: a sample database, a scripted OpenAI server and an Assistant over both. */

export const testActor: Actor = { platform: 'cli', workspaceId: 'w', userId: 'u1' };
export const testPlace: Place = { platform: 'cli', channelId: 'c', isDirect: true };

export function testQuestion(text: string, place: Place = testPlace, actor: Actor = testActor): Question {
  return { text, actor, place, requestId: `r-${Math.random()}` };
}

export interface PlannerFixture {
  readonly database: TestDatabase;
  readonly fake: FakeOpenAiServer;
  readonly sample: SampleAssistant;
}

/** Registers beforeAll/afterAll hooks in the calling test file; read the fields inside tests. */
export function usePlannerFixture(overrides: Parameters<typeof openSampleAssistant>[0]['overrides'] | (() => Parameters<typeof openSampleAssistant>[0]['overrides']) = {}): PlannerFixture {
  const state: { database?: TestDatabase; fake?: FakeOpenAiServer; sample?: SampleAssistant } = {};
  beforeAll(async () => {
    state.database = await createTestDatabase({ sample: true });
    state.fake = await startFakeOpenAiServer();
    const resolved = typeof overrides === 'function' ? overrides() : overrides;
    state.sample = await openSampleAssistant({ databaseUrl: state.database.url, openAiBaseUrl: state.fake.baseURL, overrides: resolved });
  });
  afterAll(async () => {
    await state.sample?.close();
    await state.fake?.close();
    await state.database?.drop();
  });
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the planner fixture's ${name} is read before beforeAll ran`);
    return value;
  };
  return {
    get database() {
      return need(state.database, 'database');
    },
    get fake() {
      return need(state.fake, 'fake server');
    },
    get sample() {
      return need(state.sample, 'assistant');
    },
  };
}
