import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/run-console-chat.ts';
import { entitlementsFileSchema } from '../../src/config/entitlements.ts';
import type { Actor } from '../../src/vocabulary/index.ts';
import { sqlReply, startFakeOpenAiServer, type FakeOpenAiServer } from '../fixtures/fake-openai-server.ts';
import { HELD_SUITE, openChatEvaluations, QUICK_CASES, QUICK_SUITE, type ChatEvaluations } from '../support/chat-evaluations.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openSampleAssistant, type SampleAssistant } from '../support/sample-assistant.ts';

// `/eval <suite>` in the terminal chat, with the real evaluation runner over a test database.

const admin: Actor = { platform: 'console', workspaceId: 'local', userId: 'ana', displayName: 'Ana' };
let database: TestDatabase;
let evaluations: ChatEvaluations;
let sample: SampleAssistant;
let model: FakeOpenAiServer;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  evaluations = await openChatEvaluations({ databaseUrl: database.url, admins: ['console:ana'] });
  model = await startFakeOpenAiServer();
  sample = await openSampleAssistant({ databaseUrl: database.url, openAiBaseUrl: model.baseURL, overrides: { entitlements: entitlementsFileSchema.parse({ admins: ['console:ana'] }), evaluations: evaluations.jobs } });
});

afterAll(async () => {
  await evaluations?.close();
  await sample?.close();
  await model?.close();
  await database?.drop();
});

/** A scripted session; `onOutput` sees the whole output so far after each write. */
async function chat(lines: string[], actor: Actor, onOutput: (text: string) => void = () => {}): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    onOutput(text);
  });
  const done = runConsoleChat({ assistant: sample.assistant, input, output, greeting: 'hello', actor });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return text;
}

it('an admin runs a suite: progress, then the scorecard with each target met or not, before "Bye."', async () => {
  const text = await chat([`/eval ${QUICK_SUITE}`, 'exit'], admin);
  const order = [`Evaluating ${QUICK_SUITE} for Ana: 0/${QUICK_CASES} cases`, `Started an evaluation of ${QUICK_SUITE} (${QUICK_CASES} cases)`, `${QUICK_CASES}/${QUICK_CASES} cases`, `Evaluation of ${QUICK_SUITE}: ${QUICK_CASES} cases in`, 'Bye.'].map((part) => text.indexOf(part));
  expect(order.every((position) => position >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(text).toMatch(/\[ NOT met \] Execution accuracy: 66\.7% \(target/);
  expect(text).toMatch(/\[ met \] Security score: 100\.0% \(target/);
  expect(text).toContain('Failing: quick/wrong-gold.');
  expect(text).not.toMatch(/\n\s+at /);
});

it('answers questions while the evaluation runs, and waits for it at exit', async () => {
  let released = false;
  model.enqueue(sqlReply("SELECT count(*) AS customers FROM customers WHERE country = 'PT'", 'Counts the customers in Portugal.'));
  const text = await chat([`/eval ${HELD_SUITE}`, 'How many customers are there in Portugal?', 'y', 'exit'], admin, (output) => {
    // The run waits on its planner question: released once the question was answered and the chat waits at exit.
    if (!released && output.includes('Waiting for the evaluation to finish')) {
      released = true;
      evaluations.release();
    }
  });
  expect(text.indexOf('(1 row)')).toBeGreaterThan(text.indexOf(`Started an evaluation of ${HELD_SUITE}`));
  expect(text.indexOf('(1 row)')).toBeLessThan(text.indexOf(`Evaluation of ${HELD_SUITE}:`));
  expect(text.indexOf(`Evaluation of ${HELD_SUITE}:`)).toBeLessThan(text.indexOf('Bye.'));
});

it('refuses someone who is not an admin, and does not wait at exit', async () => {
  const text = await chat([`/eval ${QUICK_SUITE}`, 'exit'], { platform: 'console', workspaceId: 'local', userId: 'bo' });
  expect(text).toContain('Only admins (configs/entitlements.yaml: admins) can run evaluations.');
  expect(text).not.toContain('Evaluating');
  expect(text).not.toContain('Waiting for the evaluation');
  expect(text).toContain('Bye.');
});
