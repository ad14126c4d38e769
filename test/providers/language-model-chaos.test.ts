import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LanguageModelError, type LanguageModel, type LanguageModelErrorCode } from '../../src/ports/language-model.ts';
import { createOpenAiLanguageModel } from '../../src/providers/openai/create-openai-language-model.ts';
import { guardLanguageModel } from '../../src/providers/resilience/guard-language-model.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeOpenAiStep } from '../fixtures/fake-openai-server.ts';

/**
 * Chaos: each way a model gateway misbehaves, through the real `openai` client against the scripted
 * server. Every call must end in a `LanguageModelError` (never another exception), from the call's own
 * deadline at the latest, and count toward the circuit breaker.
 */

const apiKey = 'test-openai-key-chaos';
/** The deadline of the modes that end on it; the others answer at once and get room for a loaded machine. */
const shortDeadlineMs = 200;
const roomyDeadlineMs = 5_000;
const maxRetries = 1;
const request = {
  messages: [{ role: 'user' as const, content: 'How many customers are there?' }],
  schema: z.object({ sql: z.string() }),
  schemaName: 'sql_plan',
};

interface ChaosMode {
  name: string;
  /** The steps one call meets, in order. */
  steps: FakeOpenAiStep[];
  /** The per-call deadline (OPENAI_TIMEOUT_MS). */
  timeoutMs: number;
  code: LanguageModelErrorCode;
  message: RegExp;
  /** Requests one call makes. */
  requests: number;
}

const htmlPage =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

const modes: ChaosMode[] = [
  {
    name: 'a truncated JSON body',
    steps: [{ rawBody: '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis' }],
    timeoutMs: roomyDeadlineMs,
    code: 'unavailable',
    message: /not valid JSON \(cut off or corrupted\) \(request req_fake_1\): /,
    requests: 1,
  },
  {
    name: 'an HTML page with status 200',
    steps: [{ rawBody: htmlPage, contentType: 'text/html' }],
    timeoutMs: roomyDeadlineMs,
    code: 'unavailable',
    message: /sent a web page instead of a completion.*\(request req_fake_\d+\): 502 Bad Gateway$/,
    requests: 1,
  },
  {
    name: 'an error in a 200',
    steps: [{ rawBody: JSON.stringify({ error: { message: `Upstream overloaded for key ${apiKey}`, type: 'server_error', code: 'overloaded' } }) }],
    timeoutMs: roomyDeadlineMs,
    code: 'unavailable',
    message: /answered with an error instead of a completion.*Upstream overloaded for key \[redacted\] \(overloaded\)/,
    requests: 1,
  },
  {
    name: 'an HTML error page with status 502',
    steps: [
      { rawBody: htmlPage, contentType: 'text/html', status: 502 },
      { rawBody: htmlPage, contentType: 'text/html', status: 502 },
    ],
    timeoutMs: roomyDeadlineMs,
    code: 'unavailable',
    message: /failed after 2 attempts: 502 Bad Gateway \(request req_fake_\d+\)$/,
    requests: 2,
  },
  {
    name: 'a connection cut in the middle of the body',
    steps: [{ dropAfterHeaders: true, partialBody: '{"id":"chatcmpl-1","choices":[' }],
    timeoutMs: roomyDeadlineMs,
    code: 'unavailable',
    message: /response could not be read/,
    requests: 1,
  },
  {
    name: 'a stall after the headers',
    steps: [{ stallAfterHeaders: true, partialBody: '{"id":"chatcmpl-1",' }],
    timeoutMs: shortDeadlineMs,
    code: 'timeout',
    message: /started answering but did not finish within 200 ms/,
    requests: 1,
  },
  {
    name: 'a hang before the headers',
    steps: [{ hang: true }],
    timeoutMs: shortDeadlineMs,
    code: 'timeout',
    message: /gave no answer within 200 ms/,
    requests: 1,
  },
  {
    name: 'a 500 on every attempt',
    steps: [
      { status: 500, retryAfterMs: 10 },
      { status: 500, retryAfterMs: 10 },
    ],
    timeoutMs: roomyDeadlineMs,
    code: 'unavailable',
    message: /failed after 2 attempts: 500 The server had an error/,
    requests: 2,
  },
  {
    name: 'a 429 with a short retry-after on every attempt',
    steps: [
      { status: 429, retryAfterMs: 10 },
      { status: 429, retryAfterMs: 10 },
    ],
    timeoutMs: roomyDeadlineMs,
    code: 'rate-limited',
    message: /rate limiting us after 2 attempts/,
    requests: 2,
  },
  {
    name: 'a 429 whose retry-after is beyond the deadline',
    steps: [{ status: 429, retryAfter: 60 }],
    timeoutMs: shortDeadlineMs,
    code: 'rate-limited',
    message: /asked us to wait 60 s before trying again, longer than the \d+ ms left of the 200 ms time limit/,
    requests: 1,
  },
];

let fake: FakeOpenAiServer;

beforeEach(async () => {
  fake = await startFakeOpenAiServer();
});

afterEach(async () => {
  await fake.close();
});

function createModel(timeoutMs: number): LanguageModel {
  return createOpenAiLanguageModel({ apiKey, baseURL: fake.baseURL, model: 'gpt-4o-mini', timeoutMs, maxRetries });
}

/** The call's outcome: a LanguageModelError, or the test fails with whatever else came out. */
async function failureOf(promise: Promise<unknown>): Promise<LanguageModelError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('value' in outcome) throw new Error(`expected a LanguageModelError, got a value: ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof LanguageModelError)) throw new Error(`expected a LanguageModelError, got ${String(outcome.error)}`, { cause: outcome.error });
  return outcome.error;
}

describe('language model chaos', () => {
  describe.each(modes)('$name', (mode) => {
    it(`ends in a LanguageModelError "${mode.code}" within the call's deadline, never another exception`, async () => {
      fake.enqueue(...mode.steps);

      const failure = await failureOf(createModel(mode.timeoutMs).generate(request));

      expect(failure.code).toBe(mode.code);
      expect(failure.message).toMatch(mode.message);
      expect(failure.message).not.toContain(apiKey);
      expect(fake.requests).toHaveLength(mode.requests);
    });

    it('counts toward the breaker: once it opens, calls fail at once without reaching the server', async () => {
      const guarded = guardLanguageModel(createModel(mode.timeoutMs), { failureThreshold: 2, cooldownMs: 60_000 });
      for (let call = 0; call < 2; call += 1) {
        fake.enqueue(...mode.steps);
        expect((await failureOf(guarded.generate(request))).code).toBe(mode.code);
      }
      expect(fake.requests).toHaveLength(2 * mode.requests);

      const refused = await failureOf(guarded.generate(request));

      expect(refused.code).toBe('unavailable');
      expect(refused.message).toMatch(/failed several times in a row \(last: .+\); the next try is in \d+ s/);
      expect(fake.requests).toHaveLength(2 * mode.requests);
    });
  });

  it('still answers after a failure: the next call on the same model succeeds', async () => {
    const model = createModel(1_000);
    fake.enqueue({ stallAfterHeaders: true }, { json: { sql: 'SELECT 1' } });

    expect((await failureOf(model.generate(request))).code).toBe('timeout');
    await expect(model.generate(request)).resolves.toMatchObject({ value: { sql: 'SELECT 1' } });
  });
});
