import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/run-console-chat.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer, sqlReply } from '../fixtures/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openSampleAssistant, type SampleAssistant } from '../support/sample-assistant.ts';

let database: TestDatabase;
let fake: FakeOpenAiServer;
let sample: SampleAssistant;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  fake = await startFakeOpenAiServer();
  sample = await openSampleAssistant({ databaseUrl: database.url, openAiBaseUrl: fake.baseURL });
});

afterAll(async () => {
  await sample?.close();
  await fake?.close();
  await database?.drop();
});

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = runConsoleChat({ assistant: sample.assistant, input, output, greeting: 'hello', actor: { platform: 'console', workspaceId: 'w', userId: 'u' } });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return text;
}

it('previews, asks, runs on yes and prints the table', async () => {
  fake.enqueue(sqlReply('SELECT category, count(*) AS products FROM products GROUP BY category ORDER BY category', 'Products per category.'));
  const text = await chat(['How many products per category?', 'y', 'exit']);
  expect(text).toContain('SELECT category, count(*)');
  expect(text).toContain('Run it? [Y/n]');
  expect(text).toMatch(/category\s+\|\s+products/);
  expect(text).toContain('(8 rows)');
});

it('cancels on no, and answers /help', async () => {
  fake.enqueue(sqlReply('SELECT count(*) FROM orders', 'Counts orders.'));
  const text = await chat(['How many orders?', 'n', '/help']);
  expect(text).toContain('Cancelled: the query was not run.');
  expect(text).toContain('Commands:');
});
