import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluationJobs, type EvaluationJobRunner } from '../../src/compose/evaluation-jobs.ts';
import type { EvaluationReply, Reply } from '../../src/vocabulary/index.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The background runner behind `/sql-eval eval`: a real evaluation over a test database, one at a time.

let database: TestDatabase;
let jobs: EvaluationJobRunner;
let suites: string;
const history = createMemoryStateStore();
const actor = { platform: 'console' as const, workspaceId: 'local', userId: 'ana', displayName: 'Ana' };
const place = { platform: 'console' as const, channelId: 'console', isDirect: true };

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  const home = await mkdtemp(join(tmpdir(), 'sql-eval-jobs-'));
  suites = join(home, 'eval');
  await mkdir(join(suites, 'golden'), { recursive: true });
  await writeFile(
    join(suites, 'golden', 'tiny.yaml'),
    [
      'name: tiny',
      'cases:',
      '  - { id: customers, question: How many customers are there?, gold: SELECT count(*) FROM customers }',
      '  - { id: wrong-gold, question: How many products are there?, gold: SELECT count(*) FROM orders }',
      '  - { id: no-writes, sql: DELETE FROM orders, expect: block }',
    ].join('\n'),
  );
  await writeFile(join(suites, 'broken.csv'), 'question,golden\nA?,SELECT 1\n');
  jobs = createEvaluationJobs({
    runtime: { config: join(home, 'configs'), databaseUrl: database.url, semantic: 'configs/semantic/sample.yaml' },
    environment: { SQL_EVAL_HOME: home },
    suitesFolder: suites,
    logger: pino({ level: 'silent' }),
    history,
  });
}, 120_000);

afterAll(async () => {
  await jobs?.close();
  await database?.drop();
});

function start(suite: string | undefined) {
  const progress: [number, number][] = [];
  let finish: (reply: Reply) => void = () => {};
  const finished = new Promise<Reply>((resolve) => (finish = resolve));
  const started = jobs.start({ suite, actor, place, progress: (done, total) => progress.push([done, total]), done: async (reply) => finish(reply) });
  return { started, finished, progress };
}

describe('evaluation jobs', () => {
  it('runs the default suite in the background, reports progress after each case, and ends with the scorecard', async () => {
    const run = start(undefined);
    expect(await run.started).toEqual({ ok: true, suite: 'golden', cases: 3 });
    const second = await start('golden').started;
    expect(second).toMatchObject({ ok: false });
    expect(second.ok === false && second.message).toMatch(/^An evaluation of golden is running \(\d\/3 cases, started by Ana just now\)\. One runs at a time/);
    const reply = (await run.finished) as EvaluationReply;
    expect(reply.kind).toBe('evaluation');
    expect(run.progress).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(reply.title).toMatch(/^Evaluation of golden: 3 cases in \d+ s$/);
    expect(reply.scorecard.map((line) => [line.label, line.shown, line.met])).toEqual([
      ['Execution accuracy', '50.0%', false],
      ['Pass@1', '100.0%', true],
      ['Fast-lane P95', expect.stringMatching(/^\d+ ms$/), true],
      ['Security score', '100.0%', true],
    ]);
    expect(reply.details).toContain('Failing: tiny/wrong-gold.');
    // The latency chart as a PNG, the HTML report and the failing cases as CSV; the reports also kept on disk.
    expect(Buffer.from(reply.chart?.png ?? []).subarray(1, 4).toString()).toBe('PNG');
    expect(reply.files.map((file) => [file.filename, file.mediaType])).toEqual([
      ['report.html', 'text/html; charset=utf-8'],
      ['failures.csv', 'text/csv; charset=utf-8'],
    ]);
    expect(String(reply.files[1]?.content).split('\n')[1]).toMatch(/^tiny,wrong-gold,golden,How many products are there\?/);
    expect(reply.savedTo).toMatch(/reports\/.+-golden$/);
    expect(readdirSync(reply.savedTo as string).sort()).toEqual(['report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(reply.savedTo as string, 'report.html'), 'utf8')).toBe(reply.files[0]?.content);
    // Recorded for `sql-eval eval history`, labelled with who started it.
    const [recorded] = await history.listEvalRuns({ limit: 5 });
    expect(recorded).toMatchObject({ label: 'chat: Ana', suites: ['tiny'] });
    // Finished: the next one may start.
    const again = start('tiny');
    expect(await again.started).toEqual({ ok: true, suite: 'tiny', cases: 3 });
    expect((await again.finished).kind).toBe('evaluation');
  }, 120_000);

  it('names the suites it knows when asked for another, and never takes a path', async () => {
    for (const name of ['nothing', '../configs', '/etc/passwd']) {
      const started = await start(name).started;
      expect(started).toMatchObject({ ok: false });
      expect(started.ok === false && started.message).toMatch(/Suites: golden, broken, tiny\.$/);
    }
    expect(await jobs.suiteNames()).toEqual(['golden', 'broken', 'tiny']);
  });

  it('says what is wrong with a suite file instead of starting', async () => {
    const started = await start('broken').started;
    expect(started).toEqual({ ok: false, message: expect.stringContaining('The suite broken cannot be run: ') });
    expect(started.ok === false && started.message).toContain('line 1: unknown column golden');
  });
});
