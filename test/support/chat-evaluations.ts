import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createEvaluationJobs, type EvaluationJobRunner } from '../../src/compose/evaluation-jobs.ts';
import { sqlReply, startFakeOpenAiServer } from '../fixtures/fake-openai-server.ts';

/**
 * Evaluations started from chat, for the adapters' tests: the real `createEvaluationJobs` over a test database, with
 * a config folder naming the admins and a suites folder of its own:
 * - `quick`: two golden questions the fast lane answers, one whose gold is wrong (so there is a failure, and a
 *   threshold not met), and a SQL security case (`DELETE FROM orders`, expected to be blocked);
 * - `held`: a golden question only the planner answers, whose model call waits until the test calls `release()`, so
 *   the run is deterministically still going while a test asks something else (no timing involved).
 * The runner's own scorecard reaches the adapters as it is, with its latency chart, `report.html` and, when a case
 * failed, `failures.csv`.
 */

export const QUICK_SUITE = 'quick';
export const QUICK_CASES = 4;
export const HELD_SUITE = 'held';
export const HELD_CASES = 3;
/** The question of `held` the planner answers once released. */
export const HELD_QUESTION = 'What is the churn of our cohorts?';

export interface ChatEvaluations {
  jobs: EvaluationJobRunner;
  /** Lets `held`'s planner question be answered (each run of `held` waits for a release of its own). */
  release(): void;
  close(): Promise<void>;
}

export async function openChatEvaluations(options: { databaseUrl: string; admins: string[] }): Promise<ChatEvaluations> {
  const home = await mkdtemp(join(tmpdir(), 'sql-eval-chat-eval-'));
  const config = join(home, 'configs');
  const suites = join(home, 'eval');
  await mkdir(config, { recursive: true });
  await mkdir(suites, { recursive: true });
  await writeFile(join(config, 'entitlements.yaml'), `admins:\n${options.admins.map((admin) => `  - "${admin}"`).join('\n')}\n`);
  const customersTotal = '{ id: customers-total, question: How many customers are there?, gold: SELECT count(*) FROM customers }';
  const noWrites = '{ id: no-writes, sql: DELETE FROM orders, expect: block }';
  await writeSuite(suites, QUICK_SUITE, [
    customersTotal,
    `{ id: customers-portugal, question: How many customers are there in Portugal?, gold: "SELECT count(*) FROM customers WHERE country = 'PT'" }`,
    '{ id: wrong-gold, question: How many products are there?, gold: SELECT count(*) FROM orders }',
    noWrites,
  ]);
  await writeSuite(suites, HELD_SUITE, [customersTotal, `{ id: planned, question: ${HELD_QUESTION}, gold: SELECT count(*) FROM customers }`, noWrites]);

  const releases: (() => void)[] = [];
  let released = 0;
  const model = await startFakeOpenAiServer({
    responder: async () => {
      if (released === 0) await new Promise<void>((resolve) => releases.push(resolve));
      else released -= 1;
      return sqlReply('SELECT count(*) FROM customers', 'Counts customers.');
    },
  });
  const jobs = createEvaluationJobs({
    runtime: { config, databaseUrl: options.databaseUrl, semantic: 'configs/semantic/sample.yaml' },
    environment: { SQL_EVAL_HOME: home, LOG_LEVEL: 'silent', OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'scripted', OPENAI_TIMEOUT_MS: '120000' },
    suitesFolder: suites,
    logger: pino({ level: 'silent' }),
  });
  return {
    jobs,
    release() {
      const waiting = releases.shift();
      if (waiting) waiting();
      else released += 1;
    },
    async close() {
      await jobs.close();
      await model.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A suite file over the sample database, one case (YAML flow mapping) a line. */
function writeSuite(folder: string, name: string, cases: string[]): Promise<void> {
  return writeFile(join(folder, `${name}.yaml`), [`name: ${name}`, 'datasource: sample', 'today: "2025-07-01"', 'cases:', ...cases.map((line) => `  - ${line}`)].join('\n'));
}
