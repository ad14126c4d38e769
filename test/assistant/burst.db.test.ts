import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/compose/open-runtime.ts';
import type { Reply } from '../../src/vocabulary/reply.ts';
import { sqlReply, startFakeOpenAiServer, type FakeOpenAiServer } from '../fixtures/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testQuestion } from '../support/planner-fixture.ts';

/**
 * A burst: 100 questions at once into one runtime opened as `demo` opens it, with the default settings
 * (configs/policies.yaml). All are answered, on the fast lane and on the planner lane with a model that takes its
 * time; during a database outage no question costs more than its one model call.
 */

const BURST = 100;
const PLANNER_SQL = 'SELECT status, count(*) AS orders FROM orders GROUP BY status';
const FAST_LANE_QUESTIONS = ['How many customers are there?', 'Number of orders per status.', 'How many customers live in Berlin?', 'How many products are in each category?', 'How many orders were placed in 2024?'];

let database: TestDatabase;
let fake: FakeOpenAiServer;
let home: string;
const runtimes: Runtime[] = [];

async function open(policies?: string): Promise<Runtime> {
  const runtime = await openRuntime(
    { databaseUrl: database.url, datasource: 'sample', semantic: 'configs/semantic/sample.yaml', policies, config: 'configs', today: '2025-07-01' },
    { ...process.env, SQL_EVAL_HOME: path.join(home, `runtime-${runtimes.length}`), LOG_LEVEL: 'silent', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'scripted' },
  );
  runtimes.push(runtime);
  return runtime;
}

/**
 * 100 people, each in a direct message: each is their own budget tenant, so the default token budget (200,000 tokens
 * a day per tenant) is not what the burst measures.
 */
function burst(runtime: Runtime, texts: (index: number) => string): Promise<Reply[]> {
  return Promise.all(
    Array.from({ length: BURST }, (_, index) =>
      runtime.assistant.ask(testQuestion(texts(index), { platform: 'cli', channelId: `dm-${index}`, isDirect: true }, { platform: 'cli', workspaceId: 'w', userId: `user-${index}` })),
    ),
  );
}

function kinds(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    const key = reply.kind === 'failure' ? `failure:${reply.code}` : `${reply.kind}:${reply.lane}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const plannerQuestion = (index: number) => `Which cohort churned the most after campaign ${index + 1}?`;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  fake = await startFakeOpenAiServer({ responder: () => sqlReply(PLANNER_SQL), delayMs: 200 });
  home = await mkdtemp(path.join(tmpdir(), 'sql-eval-burst-'));
});

afterAll(async () => {
  for (const runtime of runtimes) await runtime.close();
  await fake?.close();
  await database?.drop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('a burst of 100 questions with the default settings', () => {
  it('answers all of them on the fast lane, then all of them on the planner lane with one model call each', async () => {
    const runtime = await open();

    const fast = await burst(runtime, (index) => FAST_LANE_QUESTIONS[index % FAST_LANE_QUESTIONS.length] as string);
    expect(kinds(fast)).toEqual({ 'answer:fast': BURST });
    expect(fake.requests).toHaveLength(0);

    const planned = await burst(runtime, plannerQuestion);
    // The planner lane always shows its SQL first: a preview is its answer.
    expect(kinds(planned)).toEqual({ 'preview:llm': BURST });
    expect(fake.requests).toHaveLength(BURST);
  }, 120_000);

  it('refuses an overflow as overloaded, saying when to ask again, without opening the breaker', async () => {
    const policies = path.join(home, 'tiny-queue.yaml');
    await writeFile(policies, 'resilience:\n  maxConcurrentQueries: 1\n  maxQueuedQueries: 2\n  failureThreshold: 1\n', 'utf8');
    const runtime = await open(policies);
    const replies = await burst(runtime, (index) => FAST_LANE_QUESTIONS[index % FAST_LANE_QUESTIONS.length] as string);
    const overloaded = replies.filter((reply) => reply.kind === 'failure' && reply.code === 'overloaded');
    expect(overloaded.length).toBeGreaterThan(0);
    expect(replies.filter((reply) => reply.kind === 'answer').length).toBeGreaterThan(0);
    expect(replies.every((reply) => reply.kind === 'answer' || (reply.kind === 'failure' && reply.code === 'overloaded'))).toBe(true);
    const [first] = overloaded;
    if (first?.kind === 'failure') {
      expect(first.message).toMatch(/^The database "sample" is busy with other questions right now; ask again at \d\d:\d\d:\d\d UTC \(in \d+ s\)\.$/);
      expect(first.hint).toMatch(/^Nothing was run\./);
    }
    // With a threshold of 1, a refusal counted by the breaker would make this fail fast.
    expect(await runtime.assistant.ask(testQuestion('How many customers are there?'))).toMatchObject({ kind: 'answer' });
  }, 120_000);

  it('during a database outage, replies that the database is unavailable and calls the model at most once a question', async () => {
    const runtime = await open();
    await database.drop();
    const callsBefore = fake.requests.length;

    const planned = await burst(runtime, plannerQuestion);
    expect(kinds(planned)).toEqual({ 'failure:database-unavailable': BURST });
    expect(fake.requests.length - callsBefore).toBeLessThanOrEqual(BURST);

    const fast = await burst(runtime, (index) => FAST_LANE_QUESTIONS[index % FAST_LANE_QUESTIONS.length] as string);
    expect(kinds(fast)).toEqual({ 'failure:database-unavailable': BURST });
    expect(fake.requests.length - callsBefore).toBeLessThanOrEqual(BURST);
  }, 120_000);
});
