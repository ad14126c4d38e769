import { z } from 'zod';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../ports/language-model.ts';
import { buildPlanPrompt, type PlanPromptInput } from './plan-sql.prompt.ts';

/** Stage: ask the language model for one SQL statement that answers the question. */

/**
 * The planner's reply: one SQL statement, a decomposition into sub-questions, or a question back. One flat
 * object with nullable fields, so that OpenAI's strict structured output can enforce it.
 */
export const planReplySchema = z
  .object({
    kind: z.enum(['sql', 'subquestions', 'clarification']),
    sql: z.string().nullable(),
    explanation: z.string(),
    assumptions: z.array(z.string()),
    subquestions: z.array(z.string()).nullable(),
    clarification: z.string().nullable(),
  })
  .superRefine((reply, context) => {
    if (reply.kind === 'sql' && !reply.sql?.trim()) context.addIssue({ code: 'custom', path: ['sql'], message: 'kind "sql" needs a non-empty sql' });
    if (reply.kind === 'subquestions' && (reply.subquestions ?? []).filter((text) => text.trim() !== '').length === 0) {
      context.addIssue({ code: 'custom', path: ['subquestions'], message: 'kind "subquestions" needs the sub-questions' });
    }
    if (reply.kind === 'clarification' && !reply.clarification?.trim()) {
      context.addIssue({ code: 'custom', path: ['clarification'], message: 'kind "clarification" needs the question to ask back' });
    }
  });

export type PlanReply = z.infer<typeof planReplySchema>;

export interface SqlPlan {
  sql: string;
  explanation: string;
  assumptions: string[];
}

export type Plan =
  | ({ kind: 'sql' } & SqlPlan)
  | { kind: 'subquestions'; subquestions: string[]; explanation: string }
  | { kind: 'clarification'; clarification: string };

/** What the planner sees: the prompt's inputs. */
export type PlanSqlInput = PlanPromptInput;

export type PlanOutcome =
  | { ok: true; plan: Plan; usage: TokenUsage }
  | { ok: false; error: LanguageModelError; usage: TokenUsage };

export async function planSql(input: PlanSqlInput, languageModel: LanguageModel, signal?: AbortSignal): Promise<PlanOutcome> {
  try {
    const result = await languageModel.generate({
      messages: buildPlanPrompt(input),
      schema: planReplySchema,
      schemaName: 'sql_plan',
      signal,
    });
    return { ok: true, plan: toPlan(result.value), usage: result.usage };
  } catch (error) {
    if (error instanceof LanguageModelError) return { ok: false, error, usage: error.usage ?? { promptTokens: 0, completionTokens: 0 } };
    throw error;
  }
}

/** Models often end a statement with `;`; one trailing terminator is not a second statement. */
function stripTrailingSemicolons(sql: string): string {
  return sql.trim().replace(/;\s*$/, '').trim();
}

function toPlan(reply: PlanReply): Plan {
  if (reply.kind === 'subquestions') {
    return { kind: 'subquestions', subquestions: (reply.subquestions ?? []).map((text) => text.trim()).filter((text) => text !== ''), explanation: reply.explanation };
  }
  if (reply.kind === 'clarification') return { kind: 'clarification', clarification: (reply.clarification ?? '').trim() };
  return { kind: 'sql', sql: stripTrailingSemicolons(reply.sql ?? ''), explanation: reply.explanation, assumptions: reply.assumptions };
}
