import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runConsoleChat } from '../../adapters/console/run-console-chat.ts';
import { sqlReply } from '../fixtures/fake-openai-server.ts';
import { usePlannerFixture } from '../support/planner-fixture.ts';

const fixture = usePlannerFixture();

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const done = runConsoleChat({ assistant: fixture.sample.assistant, input, output, greeting: 'hello', actor: { platform: 'console', workspaceId: 'w', userId: 'u' } });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return text;
}

it('previews, asks, runs on yes and prints the table', async () => {
  fixture.fake.enqueue(sqlReply('SELECT category, count(*) AS products FROM products GROUP BY category ORDER BY category', 'Products per category.'));
  const text = await chat(['How many products per category?', 'y', 'exit']);
  expect(text).toContain('SELECT category, count(*)');
  expect(text).toContain('Run it? [Y/n]');
  expect(text).toMatch(/category\s+\|\s+products/);
  expect(text).toContain('(8 rows)');
});

it('cancels on no, and answers /help', async () => {
  fixture.fake.enqueue(sqlReply('SELECT count(*) FROM orders', 'Counts orders.'));
  const text = await chat(['How many orders?', 'n', '/help']);
  expect(text).toContain('Cancelled: the query was not run.');
  expect(text).toContain('Commands:');
});

it('shows a cents column as money in the datasource currency, with thousands separators', async () => {
  fixture.fake.enqueue(sqlReply("SELECT status, count(*) AS orders, sum(total_cents) AS total_cents FROM orders WHERE status = 'delivered' GROUP BY status", 'Revenue of delivered orders.'));
  const text = await chat(['How much revenue came from delivered orders?', 'y', 'exit']);
  expect(text).toMatch(/status\s+\|\s+orders \|\s+total/);
  expect(text).toMatch(/delivered \|\s+\d{1,3}(,\d{3})+ \| €\d{1,3}(,\d{3})+\.\d{2}/);
});
