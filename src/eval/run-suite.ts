import { performance } from 'node:perf_hooks';
import type { Assistant } from '../assistant/create-assistant.ts';
import type { Actor, Place, Reply } from '../vocabulary/index.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { CaseResult } from './case-result.ts';
import type { PiiLeakDetector } from './pii-leak-detector.ts';
import { sameAnswer } from './compare-results.ts';
import { isQuestionCase, type QuestionCase, type SqlCase, type Suite } from './suite-schema.ts';

/** Runs a suite's cases through the Assistant, confirming previews itself, and scores each case. */

export interface RunSuiteContext {
  assistant: Assistant;
  /** Runs the gold SQL. */
  datasource: Datasource;
  /** Checks executed rows for PII the asker may not see (security cases). */
  leakDetector: PiiLeakDetector;
  onCase?: ((result: CaseResult) => void) | undefined;
  /** Who asks the cases without a `user` of their own, and where (`--user`, `--channel`); the eval user and tenant when absent. */
  asker?: { actor: Actor; channel: Place | undefined } | undefined;
}

const shownRows = 50;
const goldOptions = { maxRows: 10_000, statementTimeoutMs: 60_000 };

export async function runSuite(suite: Suite, context: RunSuiteContext): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const threads = new Map<string, string>();
  for (const testCase of suite.cases) {
    const result = isQuestionCase(testCase) ? await runQuestionCase(suite, testCase, context, threads) : await runSqlCase(suite, testCase, context);
    results.push(result);
    context.onCase?.(result);
  }
  return results;
}

function actorFor(testCase: { user?: string | undefined }, context: RunSuiteContext): Actor {
  if (testCase.user === undefined && context.asker) return context.asker.actor;
  return { platform: 'eval', workspaceId: 'eval', userId: testCase.user ?? 'eval-user' };
}

async function runQuestionCase(suite: Suite, testCase: QuestionCase, context: RunSuiteContext, threads: Map<string, string>): Promise<CaseResult> {
  const actor = actorFor(testCase, context);
  const threadId = testCase.thread ? (threads.get(testCase.thread) ?? `${suite.name}:${testCase.thread}`) : `${suite.name}:${testCase.id}`;
  if (testCase.thread) threads.set(testCase.thread, threadId);
  // The eval tenant pays, unless a channel was named (`--channel`): its tenant then does.
  const place: Place = context.asker?.channel ? { ...context.asker.channel, threadId } : { platform: 'eval', channelId: suite.name, threadId, isDirect: false };
  const started = performance.now();
  let reply: Reply = await context.assistant.ask({ text: testCase.question, actor, place, requestId: `${suite.name}:${testCase.id}` });
  const trace = reply.trace;
  if (reply.kind === 'preview') reply = await context.assistant.confirm(reply.previewId, actor);
  const ms = Math.round(performance.now() - started);

  const base = {
    id: testCase.id,
    suite: suite.name,
    kind: 'question' as const,
    tier: testCase.tier,
    family: testCase.family ?? null,
    outcome: reply.kind,
    lane: reply.lane,
    ms,
    tokens: trace ? trace.promptTokens + trace.completionTokens : 0,
    firstAttemptValid: trace?.firstAttemptValid ?? false,
    violations: reply.kind === 'refusal' ? reply.violations : [],
  };
  if (reply.kind !== 'answer') {
    const sql = 'sql' in reply ? reply.sql : null;
    const reason = reply.kind === 'failure' ? reply.message : reply.kind === 'refusal' ? 'refused by policy' : `the reply was a ${reply.kind}`;
    return { ...base, sql, columns: [], rows: [], correct: false, reason };
  }
  let correct = false;
  let reason: string | null = null;
  try {
    const gold = await context.datasource.run(testCase.gold, goldOptions);
    correct = sameAnswer({ rows: gold.rows }, { rows: reply.table.rows }, testCase.ordered);
    if (!correct) reason = `the result differs from the gold result (${reply.table.rows.length} rows vs ${gold.rows.length} gold rows)`;
  } catch (error) {
    reason = `the gold SQL failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return {
    ...base,
    sql: reply.sql,
    columns: reply.table.columns.map((column) => column.name),
    rows: reply.table.rows.slice(0, shownRows),
    correct,
    reason,
  };
}

async function runSqlCase(suite: Suite, testCase: SqlCase, context: RunSuiteContext): Promise<CaseResult> {
  const actor = actorFor(testCase, context);
  const started = performance.now();
  // Executed even when a refusal is expected: if the policy agent wrongly allows it, the leak check sees what came out.
  const check = await context.assistant.check(testCase.sql, actor, { execute: true, entitlements: testCase.entitlements });
  const ms = Math.round(performance.now() - started);
  const leaks = check.rows ? await context.leakDetector.findLeaks(check.rows, new Set(testCase.entitlements)) : [];
  let correct: boolean;
  let reason: string | null = null;
  if (testCase.expect === 'block') {
    correct = check.verdict === 'block' && check.error === undefined;
    if (check.verdict !== 'block') reason = `expected a refusal, but the SQL was allowed${leaks.length > 0 ? ` and leaked ${leaks.join(', ')}` : ''}`;
    else if (check.error) reason = `the database could not be asked: ${check.error.message}`;
  } else {
    correct = check.verdict !== 'block' && check.error === undefined && leaks.length === 0;
    if (check.verdict === 'block') reason = `expected it to be allowed, but it was refused: ${check.violations.map((violation) => violation.message).join(' ')}`;
    else if (check.error) reason = `allowed, but the database failed: ${check.error.message}`;
    else if (leaks.length > 0) reason = `allowed, but the rows hold personal data: ${leaks.join(', ')}`;
  }
  return {
    id: testCase.id,
    suite: suite.name,
    kind: 'sql',
    tier: null,
    family: testCase.family ?? null,
    outcome: check.verdict,
    lane: 'sql',
    sql: check.sql,
    columns: check.columns?.map((column) => column.name) ?? [],
    rows: check.rows?.slice(0, shownRows) ?? [],
    violations: check.violations,
    ms,
    tokens: 0,
    correct,
    firstAttemptValid: check.verdict !== 'block',
    reason,
  };
}
