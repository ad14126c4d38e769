import type { Violation } from '../vocabulary/index.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { linkSchema } from '../catalog/link-schema.ts';
import type { Limits } from '../config/policies.ts';
import type { DatasourceError } from '../ports/datasource.ts';
import type { LanguageModel, LanguageModelError, TokenUsage } from '../ports/language-model.ts';
import { fingerprintSql } from '../sql/parse-sql.ts';
import type { PolicyVerdict } from './apply-policies.ts';
import { planSql, type SqlPlan } from './plan-sql.ts';
import { decideRetry, type Attempt } from './repair.ts';
import type { Review } from './review-sql.ts';
import { validateSql, type Validation } from './validate-sql.ts';

/**
 * The planner lane's loop: plan, validate, review by the policy agent, and on failure plan again with
 * the whole trajectory. A PII refusal ends the loop at once: other ways to reach the same column are not
 * "repairs".
 */

export interface PlanAndValidateInput {
  question: string;
  today: string;
  history?: { question: string; sql: string }[] | undefined;
  examples?: { question: string; sql: string }[] | undefined;
  /** Sub-questions the planner may ask for (`limits.maxFanOut`); 0 for a question that is itself a part. */
  maxSubquestions: number;
}

export interface PlanAndValidateContext {
  catalog: Catalog;
  languageModel: LanguageModel;
  limits: Limits;
  /** The policy agent's verdict on validated SQL, or the database being unavailable (which ends the loop). */
  review: (valid: Extract<Validation, { ok: true }>) => Promise<Review>;
  /** Whether the asker may read a PII column; columns they may not are left out of the prompt. */
  mayRead: (table: string, column: string) => boolean;
  signal?: AbortSignal | undefined;
  /** Tokens the request may still spend, shared by all its parts; planning stops when none are left. */
  tokensLeft?: (() => number) | undefined;
  /** Told of every reply's usage as it happens, so parts planned at the same time share one budget. */
  onUsage?: ((usage: TokenUsage) => void) | undefined;
}

interface Accounting {
  attempts: Attempt[];
  usage: TokenUsage;
}

export type PlanAndValidateOutcome =
  | ({ kind: 'planned'; plan: SqlPlan; verdict: PolicyVerdict } & Accounting)
  | ({ kind: 'decomposed'; subquestions: string[]; explanation: string } & Accounting)
  | ({ kind: 'clarification'; message: string } & Accounting)
  | ({ kind: 'refused'; sql: string; violations: Violation[] } & Accounting)
  | ({ kind: 'failed'; reason: string; modelError: LanguageModelError | null } & Accounting)
  /** The database could not be reached to check the SQL: an outage, not a reason to plan again. */
  | ({ kind: 'unavailable'; error: DatasourceError } & Accounting);

export async function planAndValidate(input: PlanAndValidateInput, context: PlanAndValidateContext): Promise<PlanAndValidateOutcome> {
  const attempts: Attempt[] = [];
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const tables = linkSchema(context.catalog, input.question).map((table) => ({
    ...table,
    columns: table.columns.filter((column) => !column.pii || context.mayRead(table.name, column.name)),
  }));
  for (;;) {
    const left = context.tokensLeft?.() ?? Number.POSITIVE_INFINITY;
    if (left <= 0) return { kind: 'failed', reason: 'the question used up its token budget (limits.maxRequestTokens)', attempts, usage, modelError: null };
    const planned = await planSql(
      {
        question: input.question,
        tables,
        today: input.today,
        attempts,
        maxRows: context.limits.defaultRows,
        history: input.history ?? [],
        examples: input.examples ?? [],
        maxSubquestions: input.maxSubquestions,
      },
      context.languageModel,
      context.signal,
    );
    usage.promptTokens += planned.usage.promptTokens;
    usage.completionTokens += planned.usage.completionTokens;
    context.onUsage?.(planned.usage);
    if (!planned.ok) {
      // Only a reply that did not match the schema is worth a second try; an outage is not.
      if (planned.error.code !== 'malformed-reply') return { kind: 'failed', reason: planned.error.message, attempts, usage, modelError: planned.error };
      attempts.push({
        sql: null,
        stage: 'planning',
        error: `The reply was not the JSON object asked for: ${planned.error.message}`,
        errorClass: 'planning:malformed-reply',
        strategy: null,
        fingerprint: null,
      });
    } else if (planned.plan.kind === 'clarification') {
      return { kind: 'clarification', message: planned.plan.clarification, attempts, usage };
    } else if (planned.plan.kind === 'subquestions') {
      const count = planned.plan.subquestions.length;
      if (count >= 2 && count <= input.maxSubquestions) {
        return { kind: 'decomposed', subquestions: planned.plan.subquestions, explanation: planned.plan.explanation, attempts, usage };
      }
      // Refused back to the planner with the constraint, never truncated silently.
      attempts.push({
        sql: null,
        stage: 'planning',
        error:
          input.maxSubquestions < 2
            ? 'This question is one part of a larger one: answer it with a single SQL statement, not with sub-questions.'
            : `The plan asked for ${count} sub-question${count === 1 ? '' : 's'}; a question may be split into 2 to ${input.maxSubquestions} parts. Merge parts, or answer with one SQL statement.`,
        errorClass: 'planning:fan-out',
        strategy: planned.plan.explanation || null,
        fingerprint: null,
      });
    } else {
      const sql = planned.plan.sql;
      const strategy = planned.plan.explanation || null;
      const fingerprint = fingerprintSql(sql);
      const validation = await validateSql(sql, context.catalog);
      if (validation.ok) {
        const verdict = await context.review(validation);
        if (verdict.verdict === 'unavailable') return { kind: 'unavailable', error: verdict.error, attempts, usage };
        if (verdict.verdict !== 'block') return { kind: 'planned', plan: planned.plan, verdict, attempts, usage };
        if (verdict.violations.some((violation) => violation.rule === 'pii')) return { kind: 'refused', sql, violations: verdict.violations, attempts, usage };
        attempts.push({
          sql,
          stage: 'policy',
          error: verdict.violations.map((violation) => `${violation.message} ${violation.hint}`).join(' '),
          errorClass: `policy:${verdict.violations[0]?.rule ?? 'refused'}`,
          strategy,
          fingerprint,
        });
      } else {
        attempts.push({
          sql,
          stage: 'validation',
          error: validation.problems.map((problem) => problem.message).join(' '),
          errorClass: `validation:${validation.problems[0]?.code ?? 'invalid'}`,
          strategy,
          fingerprint,
        });
      }
    }
    const decision = decideRetry(attempts, context.limits.maxAttempts);
    if (!decision.retry) return { kind: 'failed', reason: decision.reason, attempts, usage, modelError: null };
  }
}
