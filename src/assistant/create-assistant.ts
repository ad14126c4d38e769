import type { Catalog } from '../catalog/catalog.ts';
import type { Policies } from '../config/policies.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { LanguageModel } from '../ports/language-model.ts';
import type { PreviewStore } from '../ports/preview-store.ts';
import { createMemoryPreviewStore } from '../providers/memory/memory-preview-store.ts';
import { buildPreview } from '../pipeline/build-preview.ts';
import { executeSql } from '../pipeline/execute-sql.ts';
import { formatAnswer } from '../pipeline/format-answer.ts';
import { planAndValidate } from '../pipeline/plan-and-validate.ts';
import { describeTrajectory } from '../pipeline/repair.ts';
import { route } from '../pipeline/route.ts';
import { validateSql } from '../pipeline/validate-sql.ts';
import { runCommand } from './commands.ts';
import { failure, notice } from './replies.ts';
import { questionSchema } from './question-schema.ts';
import type { Actor, AskOptions, Lane, Place, Question, Reply, Violation } from './types.ts';

/** The composition root: the one object the chat adapters, the CLI and the eval runner talk to. */

export interface AssistantConfig {
  datasource: Datasource;
  catalog: Catalog;
  /** Null when no model is configured: questions the planner lane would take get a reply saying what to set. */
  languageModel: LanguageModel | null;
  policies: Policies;
  /** The date relative questions are answered against (YYYY-MM-DD). */
  today: string;
  /** Forces a lane: `fast` or `llm`; `auto` lets the router decide. */
  lane?: 'auto' | 'fast' | 'llm' | undefined;
  previews?: PreviewStore | undefined;
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
  /** Validator and policy verdict for SQL that did not come from the planner (pasted SQL, security suites). */
  check(sql: string, actor: Actor, options?: { execute?: boolean }): Promise<CheckResult>;
}

export function createAssistant(config: AssistantConfig): Assistant {
  const previews = config.previews ?? createMemoryPreviewStore();
  const now = config.now ?? Date.now;
  const limits = config.policies.limits;
  const executeContext = { datasource: config.datasource, limits, role: config.role };

  async function ask(rawQuestion: Question, options: AskOptions = {}): Promise<Reply> {
    const parsed = questionSchema.safeParse(rawQuestion);
    const requestId = typeof rawQuestion?.requestId === 'string' ? rawQuestion.requestId : 'unknown';
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return failure(requestId, 'none', 'bad-request', `The question could not be read: ${issue?.path.join('.') || 'question'}: ${issue?.message}.`, 'Send a non-empty question of at most 2000 characters.');
    }
    const question = parsed.data;
    const progress = options.onProgress ?? (() => {});
    progress('routing');
    const lane = route({ hasLanguageModel: config.languageModel !== null, forcedLane: config.lane ?? 'auto' });
    if (lane.kind === 'unavailable') {
      progress('failed');
      return failure(question.requestId, 'none', lane.code, lane.message, lane.hint);
    }
    const languageModel = config.languageModel;
    if (!languageModel) throw new Error('route chose the planner lane without a language model');

    progress('planning');
    const planned = await planAndValidate({ question: question.text, today: config.today }, { catalog: config.catalog, languageModel, limits });
    const trace = {
      promptTokens: planned.usage.promptTokens,
      completionTokens: planned.usage.completionTokens,
      attempts: planned.attempts.length + (planned.ok ? 1 : 0),
      firstAttemptValid: planned.ok && planned.attempts.length === 0,
    };
    if (!planned.ok) {
      progress('failed');
      if (planned.modelError) {
        return { ...failure(question.requestId, 'llm', 'llm-unavailable', `The language model could not plan this question: ${planned.modelError.message}`, 'Try again in a minute; if it keeps failing, check OPENAI_BASE_URL, OPENAI_MODEL and the provider status.'), trace };
      }
      const lastSql = planned.attempts.findLast((attempt) => attempt.sql !== null)?.sql ?? null;
      return {
        ...failure(question.requestId, 'llm', 'planning-failed', `I could not write a valid query for this question (${planned.reason}). What was tried:\n${describeTrajectory(planned.attempts)}`, 'Rephrase the question, name the table or columns you mean, or ask a smaller part of it.', lastSql),
        trace,
      };
    }
    progress('validating');
    const preview = await buildPreview(
      { requestId: question.requestId, lane: 'llm', question: question.text, sql: planned.plan.sql, explanation: planned.plan.explanation, hiddenColumns: [], actor: question.actor, place: question.place },
      { datasource: config.datasource, previews, limits, role: config.role, now },
    );
    progress('awaiting-confirmation');
    return { ...preview, trace };
  }

  async function confirm(previewId: string, actor: Actor): Promise<Reply> {
    const preview = await previews.take(previewId);
    if (!preview) return previewNotFound(previewId);
    const validation = await validateSql(preview.sql, config.catalog);
    if (!validation.ok) return failure(preview.requestId, preview.lane, 'invalid-sql', validation.problems.map((problem) => problem.message).join(' '), 'The schema may have changed since the preview; ask again.', preview.sql);
    return run(preview.requestId, preview.lane, preview.question, preview.sql, preview.explanation, actor);
  }

  async function run(requestId: string, lane: Lane, question: string, sql: string, explanation: string, _actor: Actor): Promise<Reply> {
    const execution = await executeSql(sql, executeContext);
    if (!execution.ok) return failure(requestId, lane, execution.failure.code, execution.failure.message, execution.failure.hint, sql);
    return formatAnswer({ requestId, lane, question, sql, explanation, result: execution.result, hiddenColumns: [] });
  }

  async function cancel(previewId: string, _actor: Actor): Promise<Reply> {
    const preview = await previews.take(previewId);
    if (!preview) return previewNotFound(previewId);
    return notice(preview.requestId, preview.lane, 'Cancelled: the query was not run.');
  }

  async function check(sql: string, _actor: Actor, options: { execute?: boolean } = {}): Promise<CheckResult> {
    const validation = await validateSql(sql, config.catalog);
    if (!validation.ok) {
      const violations = validation.problems.map((problem) => ({ rule: `validation:${problem.code}`, message: problem.message, hint: hintFor(problem.code) }));
      return { verdict: 'block', sql, violations, hiddenColumns: [] };
    }
    const result: CheckResult = { verdict: 'allow', sql, violations: [], hiddenColumns: [] };
    if (!options.execute) return result;
    const execution = await executeSql(sql, executeContext);
    if (!execution.ok) return { ...result, error: { message: execution.failure.message, hint: execution.failure.hint } };
    return { ...result, columns: execution.result.columns, rows: execution.result.rows };
  }

  async function command(text: string, actor: Actor, place: Place): Promise<Reply> {
    return runCommand(text, actor, place, { datasource: config.datasource.name, today: config.today, hasLanguageModel: config.languageModel !== null });
  }

  return { ask, confirm, cancel, command, check };
}

function previewNotFound(previewId: string): Reply {
  return failure(previewId, 'none', 'preview-not-found', 'This preview has already been run, cancelled, or has expired.', 'Ask the question again to get a fresh preview.');
}

function hintFor(code: string): string {
  switch (code) {
    case 'unknown-table':
    case 'unknown-column':
      return 'Use only the tables and columns the datasource exposes (`sql-eval semantic init` lists them).';
    case 'ambiguous-column':
      return 'Qualify the column with its table alias.';
    case 'syntax':
      return 'Fix the SQL syntax; it is parsed by PostgreSQL\'s own parser.';
    default:
      return 'Only a single read-only SELECT statement can be run.';
  }
}
