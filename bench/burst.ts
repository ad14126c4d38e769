import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openRuntime } from '../src/compose/open-runtime.ts';
import { percentile } from '../src/eval/percentile.ts';
import { startEmbeddedPostgres } from '../src/providers/embedded-postgres/start-embedded-postgres.ts';
import type { Reply } from '../src/vocabulary/reply.ts';
import { sqlReply, startFakeOpenAiServer } from '../test/fixtures/fake-openai-server.ts';

/**
 * Bursts: 100 questions at once into one runtime opened with the default settings (configs/policies.yaml), first on
 * the fast lane, then on the planner lane with a scripted model that thinks 500 ms. Each lane runs in a fresh process
 * (`bench/burst.ts child <lane>`), so the first burst after start pays whatever start-up left undone, as a fresh
 * `demo` or `serve` would; then three more bursts show the warm figures. Prints figures; never fails on time.
 *
 * `pnpm bench` runs it after the other figures; `tsx bench/burst.ts` runs it alone on its own embedded PostgreSQL.
 */

const BURST_SIZE = 100;
const WARM_BURSTS = 3;
const MODEL_DELAY_MS = 500;
const PLANNER_SQL = 'SELECT status, count(*) AS orders FROM orders GROUP BY status';

type BurstLane = 'fast' | 'planner';

interface BurstFigures {
  answered: number;
  failures: Record<string, number>;
  wallMs: number;
  latencyMs: { p50: number; p95: number; p99: number };
  eventLoopDelayMs: { p99: number; max: number };
  modelCallsPerQuestion: number;
}

interface ChildReport {
  lane: BurstLane;
  openMs: number;
  first: BurstFigures;
  warm: BurstFigures;
}

export async function benchBursts(input: { connectionString: string; line: (name: string, value: string) => void }): Promise<void> {
  for (const lane of ['fast', 'planner'] as const) {
    const report = await runChild(lane, input.connectionString);
    const label = lane === 'fast' ? 'burst, fast lane' : `burst, planner (${MODEL_DELAY_MS} ms model)`;
    input.line(`${label}: runtime open (process start to ready)`, `${Math.round(report.openMs)} ms`);
    input.line(`${label}: FIRST burst of ${BURST_SIZE}`, describe(report.first));
    input.line(`${label}: warm burst of ${BURST_SIZE}`, describe(report.warm));
  }
}

function describe(figures: BurstFigures): string {
  const failures = Object.entries(figures.failures).map(([code, count]) => `${code} ×${count}`).join(', ');
  return [
    `answered ${figures.answered}/${BURST_SIZE}${failures ? ` (${failures})` : ''}`,
    `wall ${Math.round(figures.wallMs)} ms`,
    `latency P50/P95/P99 ${Math.round(figures.latencyMs.p50)}/${Math.round(figures.latencyMs.p95)}/${Math.round(figures.latencyMs.p99)} ms`,
    `loop delay P99 ${figures.eventLoopDelayMs.p99.toFixed(1)} ms, max ${figures.eventLoopDelayMs.max.toFixed(1)} ms`,
    `model calls/question ${figures.modelCallsPerQuestion.toFixed(2)}`,
  ].join('; ');
}

function runChild(lane: BurstLane, connectionString: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/burst.ts', 'child', lane], {
      env: { ...process.env, BURST_DATABASE_URL: connectionString, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`bench/burst.ts child ${lane} exited with ${code}: ${stdout}`));
      resolve(JSON.parse(last) as ChildReport);
    });
  });
}

/** In the child: open a runtime as `demo` would, then fire the bursts. */
async function child(lane: BurstLane): Promise<void> {
  const connectionString = process.env.BURST_DATABASE_URL;
  if (!connectionString) throw new Error('BURST_DATABASE_URL is not set');
  const home = await mkdtemp(join(tmpdir(), 'sql-eval-burst-'));
  const fake = lane === 'planner' ? await startFakeOpenAiServer({ responder: () => sqlReply(PLANNER_SQL), delayMs: MODEL_DELAY_MS }) : null;
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    SQL_EVAL_HOME: home,
    OPENAI_API_KEY: fake ? 'bench-key' : undefined,
    OPENAI_BASE_URL: fake?.baseURL,
    OPENAI_MODEL: 'scripted',
  };
  const runtime = await openRuntime(
    // BURST_POLICIES: another policies file, to compare settings (default: configs/policies.yaml, the defaults).
    { databaseUrl: connectionString, datasource: 'sample', semantic: 'configs/semantic/sample.yaml', policies: process.env.BURST_POLICIES, config: 'configs', today: '2025-07-01' },
    environment,
  );
  // performance.now() counts from the process's start: node, tsx, imports and openRuntime.
  const openMs = performance.now();
  try {
    const questions = lane === 'fast' ? fastLaneQuestions() : plannerQuestions();
    let round = 0;
    const burst = async (): Promise<BurstFigures> => {
      round += 1;
      const callsBefore = fake?.requests.length ?? 0;
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      const latencies: number[] = [];
      const burstStartedAt = performance.now();
      const replies = await Promise.all(
        questions.map(async (text, index) => {
          const askedAt = performance.now();
          const reply = await runtime.assistant.ask({
            text,
            actor: { platform: 'cli', workspaceId: 'bench', userId: `user-${index}` },
            place: { platform: 'cli', channelId: `channel-${index}`, isDirect: true },
            requestId: `burst-${round}-${index}`,
          });
          latencies.push(performance.now() - askedAt);
          return reply;
        }),
      );
      const wallMs = performance.now() - burstStartedAt;
      loop.disable();
      return {
        answered: replies.filter(isAnswered).length,
        failures: countFailures(replies),
        wallMs,
        latencyMs: { p50: percentile(latencies, 50) ?? 0, p95: percentile(latencies, 95) ?? 0, p99: percentile(latencies, 99) ?? 0 },
        eventLoopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
        modelCallsPerQuestion: ((fake?.requests.length ?? 0) - callsBefore) / questions.length,
      };
    };
    const first = await burst();
    let warm = first;
    for (let index = 0; index < WARM_BURSTS; index += 1) warm = await burst();
    process.stdout.write(`${JSON.stringify({ lane, openMs, first, warm } satisfies ChildReport)}\n`);
  } finally {
    await runtime.close();
    await fake?.close();
    await rm(home, { recursive: true, force: true });
  }
}

function isAnswered(reply: Reply): boolean {
  return reply.kind === 'answer' || reply.kind === 'preview';
}

function countFailures(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reply of replies) {
    if (isAnswered(reply)) continue;
    const key = reply.kind === 'failure' ? reply.code : reply.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Questions the fast lane answers (counts, groupings, periods, known values), repeated up to the burst size. */
const FAST_LANE_QUESTIONS = [
  'How many customers are there?',
  'How many customers are there in Portugal?',
  'Number of customers per country.',
  'How many customers live in Berlin?',
  'How many products are in each category?',
  'Number of orders per status.',
  'How many orders were placed in 2024?',
  'How many orders are currently in status pending?',
  'How many orders placed last month were cancelled?',
  'How many orders have been delivered?',
];

function fastLaneQuestions(): string[] {
  return Array.from({ length: BURST_SIZE }, (_, index) => FAST_LANE_QUESTIONS[index % FAST_LANE_QUESTIONS.length] as string);
}

/** Questions the fast lane does not understand, so each goes to the planner. */
function plannerQuestions(): string[] {
  return Array.from({ length: BURST_SIZE }, (_, index) => `Which cohort churned the most after campaign ${index + 1}?`);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv[2] === 'child') {
  await child(process.argv[3] === 'planner' ? 'planner' : 'fast');
  process.exit(0);
} else if (isMain) {
  const home = await mkdtemp(join(tmpdir(), 'sql-eval-bench-burst-'));
  await chmod(home, 0o755);
  const server = await startEmbeddedPostgres({ home });
  try {
    await benchBursts({ connectionString: server.connectionString('sample'), line: (name, value) => process.stdout.write(`${name.padEnd(56)} ${value}\n`) });
  } finally {
    await server.stop();
    await rm(home, { recursive: true, force: true });
  }
  process.exit(0);
}
