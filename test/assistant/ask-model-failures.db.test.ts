import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiLanguageModel } from '../../src/providers/openai/create-openai-language-model.ts';
import { guardLanguageModel } from '../../src/providers/resilience/guard-language-model.ts';
import type { Reply } from '../../src/vocabulary/index.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeOpenAiStep } from '../fixtures/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testQuestion } from '../support/planner-fixture.ts';
import { openSampleAssistant, type SampleAssistant } from '../support/sample-assistant.ts';

/**
 * A misbehaving model gateway, seen from `ask()`: every mode is a `failure` reply (never an exception),
 * ended by the model's per-call deadline at the latest, with the provider's words on what to check.
 */

const shortDeadlineMs = 250;

let database: TestDatabase;
let fake: FakeOpenAiServer;
/** Deadline 5 s: for failures that come at once. */
let roomy: SampleAssistant;
/** Deadline 250 ms: for stalls and hangs. */
let quick: SampleAssistant;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  fake = await startFakeOpenAiServer();
  roomy = await openSampleAssistant({ databaseUrl: database.url, openAiBaseUrl: fake.baseURL, overrides: { lane: 'llm' } });
  quick = await openSampleAssistant({ databaseUrl: database.url, openAiBaseUrl: fake.baseURL, timeoutMs: shortDeadlineMs, overrides: { lane: 'llm' } });
});

afterAll(async () => {
  await roomy?.close();
  await quick?.close();
  await fake?.close();
  await database?.drop();
});

/** The reply to one question, and how many requests the fake server saw for it. */
async function ask(sample: SampleAssistant, text: string): Promise<{ reply: Reply; requests: number }> {
  const before = fake.requests.length;
  const reply = await sample.assistant.ask(testQuestion(text));
  return { reply, requests: fake.requests.length - before };
}

const htmlPage = '<!DOCTYPE html><html><head><title>504 Gateway Time-out</title></head><body><h1>504</h1></body></html>';

const modes: { name: string; steps: FakeOpenAiStep[]; quick: boolean; message: RegExp }[] = [
  { name: 'a truncated JSON body', steps: [{ rawBody: '{"id":"chatcmpl-1","choices":[{"message":{"content":"{\\"kind' }], quick: false, message: /not valid JSON/ },
  { name: 'an HTML page with status 200', steps: [{ rawBody: htmlPage, contentType: 'text/html' }], quick: false, message: /web page.*504 Gateway Time-out/ },
  { name: 'an error in a 200', steps: [{ rawBody: JSON.stringify({ error: { message: 'model overloaded' } }) }], quick: false, message: /answered with an error.*model overloaded/ },
  { name: 'a connection cut mid-body', steps: [{ dropAfterHeaders: true, partialBody: '{"id":' }], quick: false, message: /could not be read/ },
  { name: 'a stall after the headers', steps: [{ stallAfterHeaders: true, partialBody: '{"id":' }], quick: true, message: /started answering but did not finish within 250 ms/ },
  { name: 'a hang before the headers', steps: [{ hang: true }], quick: true, message: /gave no answer within 250 ms/ },
];

describe('ask() when the language model misbehaves', () => {
  it.each(modes)('$name: a failure reply (llm-unavailable) after one call, never an exception', async (mode) => {
    fake.enqueue(...mode.steps);

    const { reply, requests } = await ask(mode.quick ? quick : roomy, 'Which city had the most returning customers last quarter?');

    expect(reply.kind).toBe('failure');
    if (reply.kind !== 'failure') return;
    expect(reply.code).toBe('llm-unavailable');
    expect(reply.message).toMatch(mode.message);
    // An outage is not repaired: the planner does not ask again.
    expect(requests).toBe(1);
  });

  it('tells the asker to check OPENAI_API_KEY on a 401, not to try again later', async () => {
    fake.enqueue({ status: 401 });

    const { reply, requests } = await ask(roomy, 'Which city had the most returning customers last quarter?');

    expect(reply.kind === 'failure' && reply.code).toBe('llm-unavailable');
    if (reply.kind !== 'failure') return;
    expect(reply.message).toMatch(/refused the credentials/);
    expect(reply.hint).toMatch(/check OPENAI_API_KEY/);
    expect(reply.hint).not.toMatch(/try again/i);
    expect(requests).toBe(1);
  });

  it('answers at once, without calling the model, once the breaker has opened', async () => {
    const guarded = await openSampleAssistant({
      databaseUrl: database.url,
      overrides: {
        lane: 'llm',
        languageModel: guardLanguageModel(
          createOpenAiLanguageModel({ apiKey: 'test-key', baseURL: fake.baseURL, model: 'scripted', maxRetries: 0, timeoutMs: 5_000 }),
          { failureThreshold: 2, cooldownMs: 60_000 },
        ),
      },
    });
    try {
      for (let call = 0; call < 2; call += 1) {
        fake.enqueue({ rawBody: htmlPage, contentType: 'text/html' });
        expect((await ask(guarded, 'Which city had the most returning customers?')).reply.kind).toBe('failure');
      }

      const { reply, requests } = await ask(guarded, 'Which city had the most returning customers?');

      expect(reply.kind === 'failure' && reply.code).toBe('llm-unavailable');
      expect(reply.kind === 'failure' && reply.message).toMatch(/failed several times in a row.*next try is in \d+ s/);
      expect(requests).toBe(0);
    } finally {
      await guarded.close();
    }
  });

  it('refuses a question made only of invisible characters without calling the model', async () => {
    const { reply, requests } = await ask(roomy, '\u200E\u200F\u202E\u200B\uFEFF');

    expect(reply.kind === 'failure' && reply.code).toBe('bad-request');
    expect(reply.kind === 'failure' && reply.message).toMatch(/the question is empty/);
    expect(requests).toBe(0);
  });
});
