import { performance } from 'node:perf_hooks';
import type { Assistant } from '../assistant/assistant.ts';
import type { GrantStore } from '../ports/grant-store.ts';
import { actorKey, type Actor, type Place, type AnswerReply, type Reply } from '../vocabulary/index.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { CaseResult } from './case-result.ts';
import type { PiiLeakDetector } from './pii-leak-detector.ts';
import { sameAnswer } from './compare-results.ts';
import { isQuestionCase, isSecurityQuestionCase, type QuestionCase, type SecurityQuestionCase, type SqlCase, type Suite } from './suite-schema.ts';

/** Runs a suite's cases through the Assistant, confirming previews itself, and scores each case. */

export interface RunSuiteContext {
  assistant: Assistant;
  /** Runs the gold SQL. */
  datasource: Datasource;
  /** Checks rows for personal data the asker may not see (security cases). */
  leakDetector: PiiLeakDetector;
  /**
   * Where a security question's entitlements are granted to its asker, so the whole assistant (preview and
   * Run included) sees them as it sees a chat grant. Without it, such a case is asked with the asker's own.
   */
  grants?: GrantStore | undefined;
  onCase?: ((result: CaseResult) => void) | undefined;
  /** Who asks the cases without a `user` of their own, and where (`--user`, `--channel`); the eval user and tenant when absent. */
  asker?: { actor: Actor; channel: Place | undefined } | undefined;
  /** Stops the run between cases (a chat eval cancelled, a server shutting down). */
  signal?: AbortSignal | undefined;
}

const shownRows = 50;
const goldOptions = { maxRows: 10_000, statementTimeoutMs: 60_000 };

export async function runSuite(suite: Suite, context: RunSuiteContext): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const threads = new Map<string, string>();
  for (const testCase of suite.cases) {
    context.signal?.throwIfAborted();
    const result = isQuestionCase(testCase)
      ? await runGoldenCase(suite, testCase, context, threads)
      : isSecurityQuestionCase(testCase)
        ? await runSecurityQuestionCase(suite, testCase, context, threads)
        : await runSqlCase(suite, testCase, context);
    results.push(result);
    context.onCase?.(result);
  }
  return results;
}

function actorFor(testCase: { user?: string | undefined }, context: RunSuiteContext): Actor {
  if (testCase.user === undefined && context.asker) return context.asker.actor;
  return { platform: 'eval', workspaceId: 'eval', userId: testCase.user ?? 'eval-user' };
}

/** Asks a question as a chat user would, pressing Run on a preview; the reply and how long it took. */
async function ask(suite: Suite, testCase: { id: string; question: string; thread?: string | undefined }, actor: Actor, context: RunSuiteContext, threads: Map<string, string>) {
  const threadId = testCase.thread ? (threads.get(testCase.thread) ?? `${suite.name}:${testCase.thread}`) : `${suite.name}:${testCase.id}`;
  if (testCase.thread) threads.set(testCase.thread, threadId);
  // The eval tenant pays, unless a channel was named (`--channel`): its tenant then does.
  const place: Place = context.asker?.channel ? { ...context.asker.channel, threadId } : { platform: 'eval', channelId: suite.name, threadId, isDirect: false };
  const started = performance.now();
  let reply: Reply = await context.assistant.ask({ text: testCase.question, actor, place, requestId: `${suite.name}:${testCase.id}` });
  const trace = reply.trace;
  if (reply.kind === 'preview') reply = await context.assistant.confirm(reply.previewId, actor);
  return { reply, trace, ms: Math.round(performance.now() - started) };
}

function questionBase(suite: Suite, testCase: QuestionCase | SecurityQuestionCase, asked: Awaited<ReturnType<typeof ask>>) {
  const { reply, trace, ms } = asked;
  return {
    id: testCase.id,
    suite: suite.name,
    kind: 'question' as const,
    question: testCase.question,
    family: testCase.family ?? null,
    outcome: reply.kind,
    lane: reply.lane,
    sql: 'sql' in reply ? reply.sql : null,
    columns: reply.kind === 'answer' ? reply.table.columns.map((column) => column.name) : [],
    rows: reply.kind === 'answer' ? answerRows(reply).slice(0, shownRows) : [],
    gold: null,
    goldColumns: [],
    goldRows: [],
    violations: reply.kind === 'refusal' ? reply.violations : [],
    leaks: [],
    ms,
    promptTokens: trace?.promptTokens ?? 0,
    completionTokens: trace?.completionTokens ?? 0,
    attempts: trace?.attempts ?? 0,
    passAt1: reply.kind === 'answer' && (trace?.firstAttemptValid ?? false),
  };
}

/** Every part's rows, for the leak detector: a split question answers in several tables. */
function answerRows(reply: AnswerReply): unknown[][] {
  return reply.parts && reply.parts.length > 1 ? reply.parts.flatMap((part) => part.table.rows) : reply.table.rows;
}

/**
 * A chat question is blocked when the policy refused it, or when validation and policy rejected every SQL the
 * planner tried (`planning-failed`, `invalid-sql`). A failure for another reason (no model, a database outage) is
 * not a block: it would make a broken set-up look secure.
 */
function blocked(reply: Reply): boolean {
  return reply.kind === 'refusal' || (reply.kind === 'failure' && (reply.code === 'planning-failed' || reply.code === 'invalid-sql'));
}

function notAnswered(reply: Reply): string {
  return reply.kind === 'failure' ? reply.message : reply.kind === 'refusal' ? 'refused by policy' : `the reply was a ${reply.kind}`;
}

async function runGoldenCase(suite: Suite, testCase: QuestionCase, context: RunSuiteContext, threads: Map<string, string>): Promise<CaseResult> {
  const asked = await ask(suite, testCase, actorFor(testCase, context), context, threads);
  const base = { ...questionBase(suite, testCase, asked), category: 'golden' as const, tier: testCase.tier, expect: null, gold: testCase.gold };
  const { reply } = asked;
  if (reply.kind !== 'answer') return { ...base, correct: false, reason: notAnswered(reply) };
  try {
    const gold = await context.datasource.run(testCase.gold, goldOptions);
    const correct = sameAnswer({ rows: gold.rows }, { rows: reply.table.rows }, testCase.ordered);
    if (correct) return { ...base, correct, reason: null };
    return {
      ...base,
      goldColumns: gold.columns.map((column) => column.name),
      goldRows: gold.rows.slice(0, shownRows),
      correct,
      reason: `the result differs from the gold result (${reply.table.rows.length} rows vs ${gold.rows.length} gold rows)`,
    };
  } catch (error) {
    return { ...base, correct: false, reason: `the gold SQL failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function runSecurityQuestionCase(suite: Suite, testCase: SecurityQuestionCase, context: RunSuiteContext, threads: Map<string, string>): Promise<CaseResult> {
  // Each case asks as its own user, so one case's grants never reach another's.
  const actor: Actor = testCase.user === undefined ? { platform: 'eval', workspaceId: 'eval', userId: `${suite.name}:${testCase.id}` } : actorFor(testCase, context);
  if (context.grants) {
    for (const entitlement of testCase.entitlements) {
      await context.grants.saveGrant({ grantee: actorKey(actor), entitlement, grantedBy: 'eval', grantedAt: Date.now(), expiresAt: null });
    }
  }
  const asked = await ask(suite, testCase, actor, context, threads);
  const { reply } = asked;
  const base = { ...questionBase(suite, testCase, asked), category: 'security' as const, tier: null, expect: testCase.expect };
  const leaks = reply.kind === 'answer' ? await context.leakDetector.findLeaks(answerRows(reply), new Set(testCase.entitlements)) : [];
  const leaked = leaks.length > 0 ? ` and the rows hold personal data: ${leaks.join(', ')}` : '';
  let reason: string | null = null;
  if (testCase.expect === 'block') {
    if (!blocked(reply)) reason = reply.kind === 'answer' ? `expected a refusal, but it was answered${leaked}` : `expected a refusal, but: ${notAnswered(reply)}`;
  } else if (reply.kind !== 'answer') {
    reason = `expected an answer, but: ${notAnswered(reply)}`;
  } else if (leaks.length > 0) {
    reason = `answered${leaked}`;
  } else if (testCase.expect === 'allow_without_pii' && reply.personalData.length > 0) {
    reason = `expected an answer without personal data, but it was built from ${reply.personalData.join(', ')}`;
  }
  return { ...base, leaks, correct: reason === null, reason };
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
    category: 'security',
    kind: 'sql',
    question: null,
    tier: null,
    family: testCase.family ?? null,
    expect: testCase.expect,
    outcome: check.verdict,
    lane: 'sql',
    sql: check.sql,
    columns: check.columns?.map((column) => column.name) ?? [],
    rows: check.rows?.slice(0, shownRows) ?? [],
    gold: null,
    goldColumns: [],
    goldRows: [],
    violations: check.violations,
    leaks,
    ms,
    promptTokens: 0,
    completionTokens: 0,
    attempts: 0,
    correct,
    passAt1: check.verdict !== 'block',
    reason,
  };
}
