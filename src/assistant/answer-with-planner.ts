import type { Catalog } from '../catalog/catalog.ts';
import type { Limits } from '../config/policies.ts';
import { mayReadPii, type Entitlements } from '../governance/entitlements.ts';
import type { DatasourceError } from '../ports/datasource.ts';
import type { LanguageModel, LanguageModelSetup, TokenUsage } from '../ports/language-model.ts';
import { decompose } from '../pipeline/decompose.ts';
import { planAndValidate, type PlanAndValidateOutcome } from '../pipeline/plan-and-validate.ts';
import { describeTrajectory } from '../pipeline/repair.ts';
import type { Review } from '../pipeline/review-sql.ts';
import type { Validation } from '../pipeline/validate-sql.ts';
import { failure, refusal, type Reply, type ReplyTrace } from '../vocabulary/reply.ts';
import { reviewedPart, type ReviewedPart } from './deliver.ts';

/**
 * The planner lane for one question: plan (splitting a multi-part question into at most `maxFanOut`
 * sub-questions), validate and review each SQL, and say what happened in a reply. A preview is built by
 * the caller from the `planned` result.
 */

export interface PlannerLaneContext {
  catalog: Catalog;
  languageModel: LanguageModel;
  /** The provider's words for what to check when a call fails. */
  setup: LanguageModelSetup;
  limits: Limits;
  entitlements: Entitlements;
  today: string;
  history: { question: string; sql: string }[];
  examples: { question: string; sql: string }[];
  review: (valid: Extract<Validation, { ok: true }>) => Promise<Review>;
}

/** A planned question or part: its SQL before and with the asker's row filters (see `ReviewedPart`). */
export type PlannedPart = ReviewedPart;

export type PlannerLaneResult =
  | { kind: 'planned'; parts: PlannedPart[]; explanation: string; trace: ReplyTrace }
  | { kind: 'reply'; reply: Reply }
  /** The database could not be reached to check a plan: the caller replies with the outage; nothing is re-planned. */
  | { kind: 'unavailable'; error: DatasourceError; trace: ReplyTrace };

export async function answerWithPlanner(question: string, requestId: string, context: PlannerLaneContext): Promise<PlannerLaneResult> {
  const signal = AbortSignal.timeout(context.limits.planningTimeoutMs);
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  let attempts = 0;
  /** Attempts that failed validation or policy and were repaired, over the question and all its parts. */
  let repaired = 0;
  const plan = async (text: string, maxSubquestions: number, withHistory: boolean): Promise<PlanAndValidateOutcome> => {
    const outcome = await planAndValidate(
      { question: text, today: context.today, history: withHistory ? context.history : [], examples: context.examples, maxSubquestions },
      {
        catalog: context.catalog,
        languageModel: context.languageModel,
        limits: context.limits,
        review: context.review,
        mayRead: (table, column) => mayReadPii(context.entitlements, table, column),
        signal,
        tokensLeft: () => context.limits.maxRequestTokens - usage.promptTokens - usage.completionTokens,
        onUsage: (spent) => {
          usage.promptTokens += spent.promptTokens;
          usage.completionTokens += spent.completionTokens;
        },
      },
    );
    attempts += outcome.attempts.length + (outcome.kind === 'failed' ? 0 : 1);
    repaired += outcome.attempts.length;
    return outcome;
  };
  const top = await plan(question, context.limits.maxFanOut, true);
  const trace = (): ReplyTrace => ({ ...usage, attempts, firstAttemptValid: (top.kind === 'planned' || top.kind === 'decomposed') && repaired === 0 });

  if (top.kind === 'planned') {
    const part = reviewedPart(question, top.plan.explanation, top.verdict);
    return { kind: 'planned', parts: [part], explanation: top.plan.explanation, trace: trace() };
  }
  if (top.kind === 'unavailable') return { kind: 'unavailable', error: top.error, trace: trace() };
  if (top.kind === 'decomposed') {
    const outcomes = await decompose(top.subquestions, (subquestion) => plan(subquestion, 0, true), context.limits.partConcurrency);
    const outage = outcomes.find((outcome) => outcome.kind === 'unavailable');
    if (outage) return { kind: 'unavailable', error: outage.error, trace: trace() };
    const failed = outcomes.flatMap((outcome, index) => (outcome.kind === 'planned' ? [] : [{ index, outcome }]));
    const overBudget = failed.find(({ outcome }) => outcome.kind === 'failed' && outcome.modelError?.code === 'budget-exceeded');
    if (overBudget && overBudget.outcome.kind === 'failed' && overBudget.outcome.modelError) {
      const reply = failure(requestId, 'llm', 'budget-exceeded', overBudget.outcome.modelError.message, budgetHint);
      return { kind: 'reply', reply: { ...reply, trace: trace() } };
    }
    if (failed.length > 0) {
      const lines = failed.map(({ index, outcome }) => `Part ${index + 1} ("${top.subquestions[index]}"): ${describeOutcome(outcome)}`);
      const refusedOnly = failed.every(({ outcome }) => outcome.kind === 'refused');
      const reply = refusedOnly
        ? refusal(requestId, 'llm', null, failed.flatMap(({ outcome }) => (outcome.kind === 'refused' ? outcome.violations : [])))
        : failure(requestId, 'llm', 'planning-failed', `I split the question into ${top.subquestions.length} parts, and could not answer ${failed.length === 1 ? 'one of them' : `${failed.length} of them`}:\n${lines.join('\n')}`, 'Ask the parts one at a time, or rephrase the part that failed.');
      return { kind: 'reply', reply: { ...reply, trace: trace() } };
    }
    const parts = outcomes.map((outcome, index) => {
      if (outcome.kind !== 'planned') throw new Error('unreachable: failed parts were handled above');
      return reviewedPart(top.subquestions[index] as string, outcome.plan.explanation, outcome.verdict);
    });
    return { kind: 'planned', parts, explanation: top.explanation, trace: trace() };
  }
  if (top.kind === 'clarification') {
    return { kind: 'reply', reply: { kind: 'clarification', requestId, lane: 'llm', message: top.message, trace: trace() } };
  }
  if (top.kind === 'refused') return { kind: 'reply', reply: { ...refusal(requestId, 'llm', top.sql, top.violations), trace: trace() } };
  if (top.modelError?.code === 'budget-exceeded') {
    const reply = failure(requestId, 'llm', 'budget-exceeded', top.modelError.message, budgetHint);
    return { kind: 'reply', reply: { ...reply, trace: trace() } };
  }
  if (top.modelError) {
    const reply = failure(requestId, 'llm', 'llm-unavailable', `The language model could not plan this question: ${top.modelError.message}`, context.setup.howToFix(top.modelError.code));
    return { kind: 'reply', reply: { ...reply, trace: trace() } };
  }
  const lastSql = top.attempts.findLast((attempt) => attempt.sql !== null)?.sql ?? null;
  const reply = failure(requestId, 'llm', 'planning-failed', `I could not write a valid query for this question (${top.reason}). What was tried:\n${describeTrajectory(top.attempts)}`, 'Rephrase the question, name the table or columns you mean, or ask a smaller part of it.', lastSql);
  return { kind: 'reply', reply: { ...reply, trace: trace() } };
}

const budgetHint = 'Simple lookups are still answered by the fast lane at no cost. An admin can raise the budget in configs/tenants.yaml; `budget` shows what was spent.';

function describeOutcome(outcome: PlanAndValidateOutcome): string {
  switch (outcome.kind) {
    case 'refused':
      return outcome.violations.map((violation) => violation.message).join(' ');
    case 'failed':
      return outcome.modelError ? outcome.modelError.message : `${outcome.reason}; ${describeTrajectory(outcome.attempts).replace(/\n/g, ' ')}`;
    case 'clarification':
      return `needs a clarification: ${outcome.message}`;
    case 'unavailable':
      return 'the database could not be reached';
    default:
      return 'was split again, which a part may not be';
  }
}
