import type { Catalog } from '../catalog/catalog.ts';
import { linkSchema } from '../catalog/link-schema.ts';
import type { Limits } from '../config/policies.ts';
import type { LanguageModel, LanguageModelError, TokenUsage } from '../ports/language-model.ts';
import { fingerprintSql } from '../sql/parse-sql.ts';
import { planSql, type SqlPlan } from './plan-sql.ts';
import { decideRetry, type Attempt } from './repair.ts';
import { validateSql, type Validation } from './validate-sql.ts';

/** The planner lane's loop: plan, validate, and on failure plan again with the whole trajectory. */

export interface PlanAndValidateInput {
  question: string;
  today: string;
}

export interface PlanAndValidateContext {
  catalog: Catalog;
  languageModel: LanguageModel;
  limits: Limits;
  signal?: AbortSignal | undefined;
}

export type PlanAndValidateOutcome =
  | { ok: true; plan: SqlPlan; validation: Extract<Validation, { ok: true }>; attempts: Attempt[]; usage: TokenUsage }
  | { ok: false; reason: string; attempts: Attempt[]; usage: TokenUsage; modelError: LanguageModelError | null };

export async function planAndValidate(input: PlanAndValidateInput, context: PlanAndValidateContext): Promise<PlanAndValidateOutcome> {
  const attempts: Attempt[] = [];
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const tables = linkSchema(context.catalog, input.question);
  for (;;) {
    const planned = await planSql(
      { question: input.question, tables, today: input.today, attempts, maxRows: context.limits.defaultRows },
      context.languageModel,
      context.signal,
    );
    usage.promptTokens += planned.usage.promptTokens;
    usage.completionTokens += planned.usage.completionTokens;
    if (!planned.ok) {
      // Only a reply that did not match the schema is worth a second try; an outage is not.
      if (planned.error.code !== 'malformed-reply') return { ok: false, reason: planned.error.message, attempts, usage, modelError: planned.error };
      attempts.push({
        sql: null,
        stage: 'planning',
        error: `The reply was not the JSON object asked for: ${planned.error.message}`,
        errorClass: 'planning:malformed-reply',
        strategy: null,
        fingerprint: null,
      });
    } else {
      const validation = await validateSql(planned.plan.sql, context.catalog);
      if (validation.ok) return { ok: true, plan: planned.plan, validation, attempts, usage };
      const first = validation.problems[0];
      attempts.push({
        sql: planned.plan.sql,
        stage: 'validation',
        error: validation.problems.map((problem) => problem.message).join(' '),
        errorClass: `validation:${first?.code ?? 'invalid'}`,
        strategy: planned.plan.explanation || null,
        fingerprint: fingerprintSql(planned.plan.sql),
      });
    }
    const decision = decideRetry(attempts, context.limits.maxAttempts);
    if (!decision.retry) return { ok: false, reason: decision.reason, attempts, usage, modelError: null };
  }
}
