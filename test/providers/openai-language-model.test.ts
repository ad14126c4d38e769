import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { LanguageModelError } from '../../src/ports/language-model.ts';
import type { ChatMessage, LanguageModel } from '../../src/ports/language-model.ts';
import { createOpenAiLanguageModel } from '../../src/providers/openai/create-openai-language-model.ts';
import type { OpenAiLanguageModelOptions } from '../../src/providers/openai/create-openai-language-model.ts';
import { openAiSetup } from '../../src/providers/openai/openai-setup.ts';
import { summarizeServerText } from '../../src/providers/openai/to-language-model-error.ts';
import { lastUserMessage, startFakeOpenAiServer } from '../fixtures/fake-openai-server.ts';
import type { FakeOpenAiServer } from '../fixtures/fake-openai-server.ts';

const apiKey = 'test-openai-key-client';
const planSchema = z.object({ sql: z.string(), explanation: z.string() });
const messages: ChatMessage[] = [
  { role: 'system', content: 'You write one PostgreSQL SELECT statement.' },
  { role: 'user', content: 'How many customers are there?' },
];
const goodPlan = { sql: 'SELECT count(*) FROM customers', explanation: 'Counts the customers.' };

let fake: FakeOpenAiServer;

beforeEach(async () => {
  fake = await startFakeOpenAiServer();
});

afterEach(async () => {
  await fake.close();
});

function createModel(overrides: Partial<OpenAiLanguageModelOptions> = {}): LanguageModel {
  return createOpenAiLanguageModel({ apiKey, baseURL: fake.baseURL, model: 'gpt-4o-mini', ...overrides });
}

async function generatePlan(model: LanguageModel, signal?: AbortSignal) {
  return model.generate({ messages, schema: planSchema, schemaName: 'sql_plan', signal });
}

async function failureOf(promise: Promise<unknown>): Promise<LanguageModelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LanguageModelError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a LanguageModelError');
}

/** Yields to the event loop (never faked here) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

function responseFormatOf(index: number) {
  const format = fake.requests[index]?.response_format;
  if (format?.type !== 'json_schema') throw new Error(`request ${index} has no json_schema response_format`);
  return format.json_schema;
}

describe('createOpenAiLanguageModel', () => {
  it('parses a structured reply into a typed value and reports usage', async () => {
    fake.enqueue({ json: goodPlan, usage: { promptTokens: 120, completionTokens: 18 } });

    const result = await generatePlan(createModel());

    expect(result.value).toEqual(goodPlan);
    expectTypeOf(result.value).toEqualTypeOf<{ sql: string; explanation: string }>();
    expect(result.usage).toEqual({ promptTokens: 120, completionTokens: 18 });
    expect(result.model).toBe('gpt-4o-mini');
  });

  it('sends the model, the messages and the schema as a strict json_schema response format', async () => {
    fake.enqueue({ json: goodPlan });

    await createModel().generate({ messages, schema: planSchema, schemaName: 'sql_plan', maxOutputTokens: 500 });

    const body = fake.requests[0];
    expect(body?.model).toBe('gpt-4o-mini');
    expect(body?.messages).toEqual(messages);
    expect(body?.max_completion_tokens).toBe(500);
    expect(responseFormatOf(0)).toEqual({
      name: 'sql_plan',
      strict: true,
      schema: {
        type: 'object',
        properties: { sql: { type: 'string' }, explanation: { type: 'string' } },
        required: ['sql', 'explanation'],
        additionalProperties: false,
      },
    });
  });

  it('falls back to strict: false for a schema strict mode cannot express, and still validates', async () => {
    const schemaWithOptional = planSchema.extend({ caveat: z.string().optional() });
    fake.enqueue({ json: goodPlan });

    const result = await createModel().generate({ messages, schema: schemaWithOptional, schemaName: 'sql plan!' });

    expect(result.value).toEqual(goodPlan);
    expect(responseFormatOf(0).strict).toBe(false);
    expect(responseFormatOf(0).name).toBe('sql_plan_');
  });

  it('reports a reply that is not JSON as malformed, with its usage and raw text', async () => {
    fake.enqueue({ content: 'SELECT count(*) FROM customers', usage: { promptTokens: 50, completionTokens: 9 } });

    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('malformed-reply');
    expect(failure.message).toMatch(/not JSON/);
    expect(failure.usage).toEqual({ promptTokens: 50, completionTokens: 9 });
    expect(failure.rawReply).toBe('SELECT count(*) FROM customers');
  });

  it('reports a reply failing the schema as malformed, naming the field', async () => {
    fake.enqueue({ json: { sql: 42, explanation: 'Counts the customers.' } });

    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('malformed-reply');
    expect(failure.message).toMatch(/"sql_plan": sql: .*expected string/);
    expect(failure.usage?.completionTokens).toBeGreaterThan(0);
    expect(failure.rawReply).toBe('{"sql":42,"explanation":"Counts the customers."}');
  });

  it('reports a reply cut off at the token limit as malformed', async () => {
    fake.enqueue({ content: '{"sql":"SELECT count(*) FROM cust', finishReason: 'length' });

    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('malformed-reply');
    expect(failure.message).toMatch(/cut off/);
    expect(failure.rawReply).toBe('{"sql":"SELECT count(*) FROM cust');
  });

  it('reports a refusal as refused', async () => {
    fake.enqueue({ refusal: 'I cannot help with that.' });

    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('refused');
    expect(failure.message).toMatch(/I cannot help with that/);
    expect(failure.usage).toBeDefined();
  });

  it('waits as long as retry-after says after a 429 instead of its own shorter backoff, then succeeds', async () => {
    // With retry-after: 30 the client must not retry before then, although its own first backoff is under 0.5 s.
    // The 30 s pass on a fake clock; the request time-out differs so its timer is not mistaken for the wait.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    try {
      fake.enqueue({ status: 429, retryAfter: 30 });
      const controller = new AbortController();
      const pending = failureOf(generatePlan(createModel({ timeoutMs: 60_000 }), controller.signal));
      await until(() => setTimeoutSpy.mock.calls.some(([, delay]) => delay === 30_000));
      await vi.advanceTimersByTimeAsync(29_000);
      expect(fake.requests).toHaveLength(1);
      controller.abort();
      await vi.advanceTimersByTimeAsync(1_000);
      expect((await pending).code).toBe('cancelled');
    } finally {
      setTimeoutSpy.mockRestore();
      vi.useRealTimers();
    }

    // And with a short retry-after it retries and succeeds.
    fake.enqueue({ status: 429, retryAfter: 0.05 }, { json: goodPlan });
    const result = await generatePlan(createModel());
    expect(result.value).toEqual(goodPlan);
    expect(fake.requests).toHaveLength(3);
  });

  it('honours retry-after-ms and reports rate-limited once retries run out', async () => {
    fake.enqueue({ status: 429, retryAfterMs: 20 }, { status: 429, retryAfterMs: 20 });

    const failure = await failureOf(generatePlan(createModel({ maxRetries: 1 })));

    expect(failure.code).toBe('rate-limited');
    expect(failure.message).toMatch(/after 2 attempts/);
    expect(fake.requests).toHaveLength(2);
  });

  it('reports unavailable after a 5xx on every attempt', async () => {
    fake.enqueue(
      { status: 500, retryAfterMs: 10 },
      { status: 503, retryAfterMs: 10 },
      { status: 500, retryAfterMs: 10 },
    );

    const failure = await failureOf(generatePlan(createModel({ maxRetries: 2 })));

    expect(failure.code).toBe('unavailable');
    expect(fake.requests).toHaveLength(3);
  });

  it('reports timeout when the service does not answer in time', async () => {
    fake.enqueue({ hang: true });

    const failure = await failureOf(generatePlan(createModel({ timeoutMs: 300, maxRetries: 0 })));

    expect(failure.code).toBe('timeout');
    expect(failure.message).toMatch(/300 ms/);
  });

  it('reports authentication on a 401 without retrying and never shows the key', async () => {
    fake.enqueue({
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${apiKey}.`, type: 'invalid_request_error', code: 'invalid_api_key' } },
    });

    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('authentication');
    expect(failure.message).toMatch(/Incorrect API key provided/);
    expect(failure.message).not.toContain(apiKey);
    expect(failure.message).not.toContain('SECRET');
    expect(String(failure.cause ?? '')).not.toContain(apiKey);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports invalid-request when the service rejects the request itself', async () => {
    fake.enqueue({
      status: 404,
      body: { error: { message: 'The model `gpt-nope` does not exist.', type: 'invalid_request_error', code: 'model_not_found' } },
    });

    const failure = await failureOf(generatePlan(createModel({ model: 'gpt-nope' })));

    expect(failure.code).toBe('invalid-request');
    expect(failure.message).toMatch(/gpt-nope/);
  });

  it('reports cancelled when the caller aborts', async () => {
    fake.enqueue({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const failure = await failureOf(generatePlan(createModel(), controller.signal));

    expect(failure.code).toBe('cancelled');
  });

  it('reports cancelled, not a raw AbortError, when the caller aborts while the body is still coming', async () => {
    fake.enqueue({ stallAfterHeaders: true, partialBody: '{"id":"chatcmpl-1",' });
    const controller = new AbortController();
    const pending = failureOf(generatePlan(createModel({ timeoutMs: 60_000 }), controller.signal));
    await until(() => fake.requests.length === 1);
    controller.abort();

    const failure = await pending;

    expect(failure.code).toBe('cancelled');
  });

  it("says the caller's time limit ran out when its signal is a timeout", async () => {
    fake.enqueue({ hang: true });

    const failure = await failureOf(generatePlan(createModel({ timeoutMs: 60_000 }), AbortSignal.timeout(50)));

    expect(failure.code).toBe('cancelled');
    expect(failure.message).toMatch(/the caller's time limit ran out/);
  });

  it('bounds the whole call, retries included, by timeoutMs', async () => {
    // Each 500 asks for a 20 ms wait; with 50 retries allowed only the deadline can end the call.
    fake.setResponder(() => ({ status: 500, retryAfterMs: 20 }));

    const failure = await failureOf(generatePlan(createModel({ timeoutMs: 300, maxRetries: 50 })));

    expect(failure.code).toBe('unavailable');
    // Ended by the deadline, or just before it by a wait that would not fit.
    expect(failure.message).toMatch(/\(status 500\).* the 300 ms time limit/);
    expect(fake.requests.length).toBeLessThan(51);
  });

  it('reads a completion without usage or model as zero tokens from the requested model', async () => {
    fake.enqueue({ rawBody: JSON.stringify({ choices: [{ message: { content: JSON.stringify(goodPlan) }, finish_reason: 'stop' }] }) });

    const result = await generatePlan(createModel());

    expect(result).toEqual({ value: goodPlan, usage: { promptTokens: 0, completionTokens: 0 }, model: 'gpt-4o-mini' });
  });

  it('reports JSON that is not a completion as unavailable, naming what is missing', async () => {
    fake.enqueue({ rawBody: JSON.stringify({ id: 'x', object: 'list', data: [] }) });

    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('unavailable');
    expect(failure.message).toMatch(/not a chat completion.*choices: /);
  });

  it('reports unavailable when nothing listens at the base URL', async () => {
    const closed = await startFakeOpenAiServer();
    await closed.close();

    const failure = await failureOf(generatePlan(createModel({ baseURL: closed.baseURL, maxRetries: 0 })));

    expect(failure.code).toBe('unavailable');
  });
});

describe('openAiSetup.howToFix', () => {
  it('tells the operator which setting to check for each failure', () => {
    expect(openAiSetup.howToFix('authentication')).toMatch(/check OPENAI_API_KEY/);
    expect(openAiSetup.howToFix('authentication')).not.toMatch(/try again/i);
    expect(openAiSetup.howToFix('invalid-request')).toMatch(/OPENAI_MODEL/);
    expect(openAiSetup.howToFix('timeout')).toMatch(/OPENAI_TIMEOUT_MS/);
    expect(openAiSetup.howToFix('unavailable')).toMatch(/Try again in a minute/);
  });
});

describe('summarizeServerText', () => {
  it('keeps the title of an HTML page, and the status before it', () => {
    expect(summarizeServerText('<html><head><title>Service Unavailable</title></head><body><h1>…</h1></body></html>')).toBe('Service Unavailable');
    expect(summarizeServerText('503 <html><head><title>Service Unavailable</title></head></html>')).toBe('503 Service Unavailable');
    expect(summarizeServerText('502 <html><title>502 Bad Gateway</title></html>')).toBe('502 Bad Gateway');
  });

  it('collapses whitespace and cuts long text', () => {
    expect(summarizeServerText('  upstream\n\n  timed out ')).toBe('upstream timed out');
    expect(summarizeServerText('x'.repeat(1000))).toHaveLength(301);
  });
});

describe('startFakeOpenAiServer', () => {
  it('asks the responder once the queue is empty', async () => {
    fake.setResponder((body) => ({ json: { sql: 'SELECT 1', explanation: `answer to: ${lastUserMessage(body)}` } }));
    fake.enqueue({ json: goodPlan });
    const model = createModel();

    const first = await generatePlan(model);
    const second = await generatePlan(model);

    expect(first.value).toEqual(goodPlan);
    expect(second.value.explanation).toBe('answer to: How many customers are there?');
    expect(second.usage.promptTokens).toBeGreaterThan(0);
  });

  it('fails fast, without retries, when it has nothing to answer', async () => {
    const failure = await failureOf(generatePlan(createModel()));

    expect(failure.code).toBe('invalid-request');
    expect(failure.message).toMatch(/no step enqueued/);
    expect(fake.requests).toHaveLength(1);
  });
});
