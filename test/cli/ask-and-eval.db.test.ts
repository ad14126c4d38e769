import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserMessage, startFakeOpenAiServer, type FakeOpenAiServer, sqlReply } from '../fixtures/fake-openai-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

/** The CLI as a user runs it, planning through the real openai client against a scripted server. */

interface GoldCase {
  id: string;
  question?: string;
  gold?: string;
}

let database: TestDatabase;
let fake: FakeOpenAiServer;
let golden: GoldCase[];
const questionOf = (prompt: string) => /<question>\n([\s\S]*)\n<\/question>/.exec(prompt)?.[1] ?? '';
const goldFor = (question: string) => golden.find((testCase) => testCase.question === question)?.gold ?? 'SELECT 1';

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  fake = await startFakeOpenAiServer();
  golden = (parseYaml(await readFile('eval/golden/sample.yaml', 'utf8')) as { cases: GoldCase[] }).cases;
});

afterAll(async () => {
  await fake?.close();
  await database?.drop();
});

const flags = () => ['--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'];
const model = () => ({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'scripted' });

describe('sql-eval ask', () => {
  it('answers with correct rows through the planner lane (--json --yes)', async () => {
    fake.setResponder((body) => (sqlReply(goldFor(questionOf(lastUserMessage(body))), 'gold')));
    const run = await runCli(['ask', 'How many orders were placed in 2024?', '--json', '--yes', '--lane', 'llm', ...flags()], model());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const reply = JSON.parse(run.stdout);
    expect(reply.kind).toBe('answer');
    expect(reply.lane).toBe('llm');
    const { Client } = (await import('pg')).default;
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const expected = await client.query("SELECT count(*)::int AS n FROM orders WHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'");
    await client.end();
    expect(Number(reply.table.rows[0][0])).toBe(expected.rows[0].n);
  });

  it('prints the preview as JSON without --yes, and runs nothing', async () => {
    fake.setResponder(() => (sqlReply('SELECT count(*) FROM customers', 'count')));
    const run = await runCli(['ask', 'How many customers?', '--json', '--lane', 'llm', ...flags()], model());
    expect(run.code).toBe(0);
    const reply = JSON.parse(run.stdout);
    expect(reply.kind).toBe('preview');
    expect(reply.sql).toBe('SELECT count(*) FROM customers LIMIT 100');
  });

  it('explains what to configure when no API key is set, with exit code 1 and no stack trace', async () => {
    const run = await runCli(['ask', 'What is the churn of our cohorts?', ...flags()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('OPENAI_API_KEY');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a database that is down, without the password', async () => {
    const run = await runCli(['ask', 'x', '--database-url', 'postgres://postgres:hunter2@127.0.0.1:1/none'], model());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unavailable/);
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('the fast lane from the CLI', () => {
  it('answers a simple question with no API key, at once, from the fast lane', async () => {
    const run = await runCli(['ask', 'How many customers are there in Portugal?', '--json', ...flags()]);
    expect(run.code).toBe(0);
    const reply = JSON.parse(run.stdout);
    expect(reply).toMatchObject({ kind: 'answer', lane: 'fast' });
    expect(reply.sql).toContain("'PT'");
    expect(reply.trace).toMatchObject({ promptTokens: 0, completionTokens: 0 });
  });

  it('eval --lane fast reports answered, precision, coverage and latency per tier', async () => {
    const run = await runCli(['eval', '--suite', 'eval/golden/sample.yaml', '--lane', 'fast', '--json', ...flags()]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    const simple = report.summary.golden.byTier.simple;
    expect(simple.precision).toBe(1);
    expect(simple.coverage).toBeGreaterThanOrEqual(0.8);
    expect(simple.p95Ms).toBeTypeOf('number');
    expect(report.summary.cost).toMatchObject({ promptTokens: 0, completionTokens: 0, amount: 0 });
    expect(report.summary.scorecard.find((line: { metric: string }) => line.metric === 'fast-lane-p95')).toMatchObject({ met: true });
    for (const tier of Object.values(report.summary.golden.byTier) as { precision: number | null }[]) {
      if (tier.precision !== null) expect(tier.precision).toBe(1);
    }
  });
});

describe('sql-eval eval', () => {
  async function suiteFile(count: number): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'sql-eval-suite-'));
    const path = join(folder, 'suite.yaml');
    const text = await readFile('eval/golden/sample.yaml', 'utf8');
    const suite = parseYaml(text) as { cases: unknown[] };
    suite.cases = [...suite.cases.slice(0, count), { id: 'no-writes', sql: 'DELETE FROM orders', expect: 'block' }];
    await writeFile(path, JSON.stringify(suite));
    return path;
  }

  it('scores 100% when the model returns the gold SQL', async () => {
    fake.setResponder((body) => (sqlReply(goldFor(questionOf(lastUserMessage(body))), 'gold')));
    const run = await runCli(['eval', '--suite', await suiteFile(1000), '--json', '--lane', 'llm', ...flags()], model());
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.summary.golden.cases).toBe(golden.length);
    expect(report.summary.golden.executionAccuracy).toBe(1);
    expect(report.summary.golden.passAt1).toBe(1);
    expect(report.summary.security).toMatchObject({ score: 1, leaks: 0, writes: { changed: [], error: null } });
    expect(report.summary.security.writes.tables).toBeGreaterThan(5);
    expect(report.summary.cost.promptTokens).toBeGreaterThan(0);
    expect(report.summary.scorecard.map((line: { metric: string; met: boolean | null }) => [line.metric, line.met])).toEqual([
      ['execution-accuracy', true],
      ['pass-at-1', true],
      ['fast-lane-p95', null],
      ['security-score', true],
    ]);
    expect(report.cases[0]).toMatchObject({ outcome: 'answer', lane: 'llm', correct: true });
    expect(report.summary.latencyMs.llm.p95).toBeGreaterThan(0);
  });

  it('does not when the model returns wrong SQL', async () => {
    fake.setResponder(() => (sqlReply('SELECT count(*) FROM products', 'wrong')));
    const run = await runCli(['eval', '--suite', await suiteFile(12), '--json', '--lane', 'llm', ...flags()], model());
    const report = JSON.parse(run.stdout);
    expect(report.summary.golden.executionAccuracy).toBeLessThan(0.5);
    expect(report.summary.scorecard[0]).toMatchObject({ metric: 'execution-accuracy', met: false });
    const failed = report.cases.find((result: { correct: boolean; category: string }) => !result.correct && result.category === 'golden');
    expect(failed.goldRows.length).toBeGreaterThan(0);
    expect(failed.gold).toMatch(/^SELECT/);
    expect(report.cases.filter((result: { correct: boolean }) => !result.correct).length).toBeGreaterThan(6);
  });
});
