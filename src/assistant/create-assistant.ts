import type { Catalog } from '../catalog/catalog.ts';
import { emptyEntitlements, type EntitlementsFile } from '../config/entitlements.ts';
import type { Policies } from '../config/policies.ts';
import type { FastLane } from '../fast-lane/fast-lane-types.ts';
import type { VerifiedQueryMatcher } from '../fast-lane/verified-queries.ts';
import { entitlementsFor, isAdmin, type Entitlements } from '../governance/entitlements.ts';
import type { Datasource, DatasourceError } from '../ports/datasource.ts';
import type { LanguageModel } from '../ports/language-model.ts';
import { previewStoreOver, type StateStore } from '../ports/state-store.ts';
import { createMemoryStateStore } from '../providers/memory/memory-state-store.ts';
import { buildPreview } from '../pipeline/build-preview.ts';
import { describeDatasourceError, executeSql } from '../pipeline/execute-sql.ts';
import { decompose } from '../pipeline/decompose.ts';
import { formatAnswer } from '../pipeline/format-answer.ts';
import { route } from '../pipeline/route.ts';
import { answerWithPlanner } from './answer-with-planner.ts';
import { runCommand } from './commands.ts';
import { rememberTurn, similarVerifiedQueries, threadHistory, threadKey } from './conversation-memory.ts';
import { questionSchema } from './question-schema.ts';
import { failure, notice, refusal } from './replies.ts';
import { reviewSql, reviewValidated, type Review } from './review-sql.ts';
import type { Actor, AnswerPart, AskOptions, Lane, Place, Question, Reply, Violation } from './types.ts';

/** The composition root: the one object the chat adapters, the CLI and the eval runner talk to. */

export interface AssistantConfig {
  datasource: Datasource;
  catalog: Catalog;
  /** Null when no model is configured: questions the fast lane cannot answer get a reply saying what to set. */
  languageModel: LanguageModel | null;
  policies: Policies;
  /** Who may see which personal data; nobody when absent. */
  entitlements?: EntitlementsFile | undefined;
  /** The date relative questions are answered against (YYYY-MM-DD). */
  today: string;
  /** Forces a lane: `fast` or `llm`; `auto` lets the router decide. */
  lane?: 'auto' | 'fast' | 'llm' | undefined;
  /** The semantic-layer parser; absent, every question goes to the planner lane. */
  fastLane?: FastLane | null | undefined;
  /** Verified (question, SQL) pairs, reused by the fast lane and remembered on confirmation. */
  verifiedQueries?: VerifiedQueryMatcher | null | undefined;
  /** Example questions the fast lane answers, offered when it cannot. */
  suggestions?: string[] | undefined;
  /** Previews, thread memory and verified queries; in memory when absent. */
  state?: StateStore | undefined;
  role?: string | undefined;
  now?: (() => number) | undefined;
}

export interface CheckResult {
  verdict: 'allow' | 'rewrite' | 'block';
  sql: string;
  violations: Violation[];
  hiddenColumns: string[];
  columns?: { name: string; dataType: string }[];
  rows?: unknown[][];
  /** Set when `execute` was asked for and the database failed. */
  error?: { message: string; hint: string };
}

export interface Assistant {
  ask(question: Question, options?: AskOptions): Promise<Reply>;
  confirm(previewId: string, actor: Actor): Promise<Reply>;
  cancel(previewId: string, actor: Actor): Promise<Reply>;
  command(text: string, actor: Actor, place: Place): Promise<Reply>;
  /**
   * Validator and policy verdict for SQL that did not come from the planner (pasted SQL, security suites).
   * `entitlements` replaces the asker's configured grants (for `sql-eval check --entitlements` and suites).
   */
  check(sql: string, actor: Actor, options?: { execute?: boolean; entitlements?: string[] | undefined }): Promise<CheckResult>;
}

export function createAssistant(config: AssistantConfig): Assistant {
  const state = config.state ?? createMemoryStateStore();
  const previews = previewStoreOver(state);
  const now = config.now ?? Date.now;
  const limits = config.policies.limits;
  const entitlementsFile = config.entitlements ?? emptyEntitlements;
  const executeContext = { datasource: config.datasource, limits, role: config.role };
  const reviewContext = { catalog: config.catalog, limits, datasource: config.datasource, role: config.role };
  const review = (sql: string, entitlements: Entitlements): Promise<Review> => reviewSql(sql, entitlements, reviewContext);

  function unavailableReply(requestId: string, lane: Lane, error: DatasourceError, sql: string | null): Reply {
    const described = describeDatasourceError(error, limits, config.datasource.name);
    return failure(requestId, lane, described.code, described.message, described.hint, sql);
  }

  function mustConfirm(lane: Lane, place: Place): boolean {
    if (lane !== 'fast') return true;
    return config.policies.confirmation.channels[place.channelId] === 'all' || config.policies.confirmation.fastLane;
  }

  async function ask(rawQuestion: Question, options: AskOptions = {}): Promise<Reply> {
    const parsed = questionSchema.safeParse(rawQuestion);
    const requestId = typeof rawQuestion?.requestId === 'string' ? rawQuestion.requestId : 'unknown';
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return failure(requestId, 'none', 'bad-request', `The question could not be read: ${issue?.path.join('.') || 'question'}: ${issue?.message}.`, 'Send a non-empty question of at most 2000 characters.');
    }
    const question = parsed.data;
    const entitlements = entitlementsFor(question.actor, entitlementsFile);
    const progress = options.onProgress ?? (() => {});
    progress('routing');
    const lane = await route(question.text, {
      forcedLane: config.lane ?? 'auto',
      fastLane: config.fastLane ?? null,
      verifiedQueries: config.verifiedQueries ?? null,
      hasLanguageModel: config.languageModel !== null,
      today: config.today,
      suggestions: config.suggestions ?? [],
    });
    if (lane.kind === 'unavailable') {
      progress('failed');
      return failure(question.requestId, 'none', lane.code, lane.message, lane.hint);
    }
    if (lane.kind === 'fast') {
      progress('validating');
      const verdict = await review(lane.sql, entitlements);
      if ('unavailable' in verdict) return unavailableReply(question.requestId, 'fast', verdict.unavailable, lane.sql);
      if (verdict.verdict === 'block') {
        progress('refused');
        return refusal(question.requestId, 'fast', lane.sql, verdict.violations);
      }
      const parts = [{ question: question.text, sql: verdict.sql, explanation: lane.explanation, hiddenColumns: verdict.hiddenColumns }];
      const reply = await deliver(question, 'fast', parts, lane.explanation, progress);
      return { ...reply, trace: { promptTokens: 0, completionTokens: 0, attempts: 1, firstAttemptValid: true } };
    }

    const languageModel = config.languageModel;
    if (!languageModel) throw new Error('route chose the planner lane without a language model');
    progress('planning');
    let unavailable: DatasourceError | undefined;
    const planned = await answerWithPlanner(question.text, question.requestId, {
      catalog: config.catalog,
      languageModel,
      limits,
      entitlements,
      today: config.today,
      history: await threadHistory(state, question.place),
      examples: await similarVerifiedQueries(state, config.datasource.name, question.text),
      review: async (valid) => {
        const verdict = await reviewValidated(valid, entitlements, reviewContext);
        if (!('unavailable' in verdict)) return verdict;
        unavailable = verdict.unavailable;
        return { verdict: 'block', sql: valid.sql, violations: [{ rule: 'database', message: 'The database could not be reached.', hint: '' }], hiddenColumns: [], notes: [] };
      },
    });
    if (unavailable) {
      progress('failed');
      return unavailableReply(question.requestId, 'llm', unavailable, null);
    }
    if (planned.kind === 'reply') {
      progress(planned.reply.kind === 'refusal' ? 'refused' : planned.reply.kind === 'clarification' ? 'finished' : 'failed');
      return planned.reply;
    }
    const reply = await deliver(question, 'llm', planned.parts, planned.explanation, progress);
    return { ...reply, trace: planned.trace };
  }

  /** A preview to confirm, or, for a fast-lane answer where no confirmation is required, the answer itself. */
  async function deliver(question: Question, lane: Lane, parts: { question: string; sql: string; explanation: string; hiddenColumns: string[] }[], explanation: string, progress: (status: 'awaiting-confirmation' | 'executing' | 'finished' | 'failed') => void): Promise<Reply> {
    const [first] = parts;
    if (!first) throw new Error('nothing to deliver');
    if (!mustConfirm(lane, question.place)) {
      progress('executing');
      const execution = await executeSql(first.sql, executeContext);
      if (!execution.ok) {
        progress('failed');
        return failure(question.requestId, lane, execution.failure.code, execution.failure.message, execution.failure.hint, first.sql);
      }
      await rememberTurn(state, question.place, { question: question.text, sql: first.sql, explanation }, now());
      progress('finished');
      return formatAnswer({ requestId: question.requestId, lane, question: question.text, sql: first.sql, explanation, result: execution.result, hiddenColumns: first.hiddenColumns });
    }
    const preview = await buildPreview(
      {
        requestId: question.requestId,
        lane,
        question: question.text,
        sql: first.sql,
        explanation,
        hiddenColumns: first.hiddenColumns,
        actor: question.actor,
        place: question.place,
        parts: parts.length > 1 ? parts : undefined,
      },
      { datasource: config.datasource, previews, limits, role: config.role, now },
    );
    progress('awaiting-confirmation');
    return preview;
  }

  /** Runs a preview for whoever pressed Run: the policy agent checks it again with the confirmer's entitlements. */
  async function confirm(previewId: string, actor: Actor): Promise<Reply> {
    const preview = await previews.take(previewId);
    if (!preview) return previewNotFound(previewId);
    const entitlements = entitlementsFor(actor, entitlementsFile);
    const parts = preview.parts ?? [{ question: preview.question, sql: preview.sql, explanation: preview.explanation }];
    // Parts run at the same time, up to limits.partConcurrency (and the datasource's bulkhead).
    const outcomes = await decompose(parts.map((part) => part.question), async (_question, index) => runPart(parts[index] as (typeof parts)[number], entitlements, preview.requestId, preview.lane), limits.partConcurrency);
    const refused = outcomes.find((outcome): outcome is Reply => 'kind' in outcome);
    if (refused) return refused;
    const timed = outcomes as (AnswerPart & { elapsedMs: number })[];
    const elapsedMs = Math.max(...timed.map((part) => part.elapsedMs));
    const answers: AnswerPart[] = timed.map(({ elapsedMs: _elapsed, ...part }) => part);
    const [first] = answers;
    if (!first) throw new Error('a preview with no part');
    for (const answer of answers) {
      await rememberTurn(state, preview.place, { question: answer.question, sql: answer.sql, explanation: answer.explanation }, now());
      // A confirmed single question is a verified query: the fast lane reuses it for questions of the same shape.
      if (answers.length === 1) await config.verifiedQueries?.remember(answer.question, answer.sql, `${actor.platform}:${actor.userId}`);
    }
    const answer = formatAnswer({
      requestId: preview.requestId,
      lane: preview.lane,
      question: preview.question,
      sql: answers.length > 1 ? preview.sql : first.sql,
      explanation: preview.explanation,
      result: { columns: first.table.columns, rows: first.table.rows, truncated: first.table.truncated, elapsedMs },
      hiddenColumns: [...new Set(answers.flatMap((part) => part.hiddenColumns))],
    });
    return answers.length > 1 ? { ...answer, parts: answers } : answer;
  }

  /** One part of a confirmed preview: checked again for the confirmer, then run; a reply when it cannot be. */
  async function runPart(part: { question: string; sql: string; explanation: string }, entitlements: Entitlements, requestId: string, lane: Lane): Promise<Reply | (AnswerPart & { elapsedMs: number })> {
    const verdict = await review(part.sql, entitlements);
    if ('unavailable' in verdict) return unavailableReply(requestId, lane, verdict.unavailable, part.sql);
    if (verdict.verdict === 'block') return refusal(requestId, lane, part.sql, verdict.violations);
    const execution = await executeSql(verdict.sql, executeContext);
    if (!execution.ok) return failure(requestId, lane, execution.failure.code, execution.failure.message, execution.failure.hint, verdict.sql);
    const { columns, rows, truncated, elapsedMs } = execution.result;
    return { question: part.question, sql: verdict.sql, explanation: part.explanation, table: { columns, rows, truncated }, hiddenColumns: verdict.hiddenColumns, elapsedMs };
  }

  async function cancel(previewId: string, _actor: Actor): Promise<Reply> {
    const preview = await previews.take(previewId);
    if (!preview) return previewNotFound(previewId);
    return notice(preview.requestId, preview.lane, 'Cancelled: the query was not run.');
  }

  async function check(sql: string, actor: Actor, options: { execute?: boolean; entitlements?: string[] | undefined } = {}): Promise<CheckResult> {
    const entitlements = options.entitlements ? new Set(options.entitlements) : entitlementsFor(actor, entitlementsFile);
    const verdict = await review(sql, entitlements);
    if ('unavailable' in verdict) {
      const described = describeDatasourceError(verdict.unavailable, limits, config.datasource.name);
      return { verdict: 'block', sql, violations: [], hiddenColumns: [], error: { message: described.message, hint: described.hint } };
    }
    const result: CheckResult = { verdict: verdict.verdict, sql: verdict.sql, violations: verdict.violations, hiddenColumns: verdict.hiddenColumns };
    if (verdict.verdict === 'block' || !options.execute) return result;
    const execution = await executeSql(verdict.sql, executeContext);
    if (!execution.ok) return { ...result, error: { message: execution.failure.message, hint: execution.failure.hint } };
    return { ...result, columns: execution.result.columns, rows: execution.result.rows };
  }

  async function command(text: string, actor: Actor, place: Place): Promise<Reply> {
    return runCommand(text, actor, place, {
      datasource: config.datasource.name,
      today: config.today,
      hasLanguageModel: config.languageModel !== null,
      entitlements: [...entitlementsFor(actor, entitlementsFile)],
      isAdmin: isAdmin(actor, entitlementsFile),
      verifyLastAnswer: async () => {
        const [last] = await state.recentTurns(threadKey(place), 1);
        if (!last) return 'There is no answer in this thread to mark correct yet.';
        if (!config.verifiedQueries) return 'Verified queries are not kept for this datasource.';
        const stored = await config.verifiedQueries.remember(last.question, last.sql, `${actor.platform}:${actor.userId}`);
        return stored ? `Marked correct: "${last.question}". Questions of the same shape are now answered from it.` : `"${last.question}" has no words to match later questions on; nothing was stored.`;
      },
    });
  }

  return { ask, confirm, cancel, command, check };
}

function previewNotFound(previewId: string): Reply {
  return failure(previewId, 'none', 'preview-not-found', 'This preview has already been run, cancelled, or has expired.', 'Ask the question again to get a fresh preview.');
}
