import { z } from 'zod';
import type { CatalogTable } from '../catalog/catalog.ts';
import { LanguageModelError, type LanguageModel, type TokenUsage } from '../ports/language-model.ts';
import { buildPlanPrompt } from './plan-sql.prompt.ts';
import type { Attempt } from './repair.ts';

/** Stage: ask the language model for one SQL statement that answers the question. */

export const sqlPlanSchema = z.object({
  sql: z.string().min(1, 'sql must not be empty'),
  explanation: z.string(),
  assumptions: z.array(z.string()),
});

export type SqlPlan = z.infer<typeof sqlPlanSchema>;

export interface PlanSqlInput {
  question: string;
  tables: CatalogTable[];
  today: string;
  attempts: Attempt[];
  maxRows: number;
}

export type PlanOutcome =
  | { ok: true; plan: SqlPlan; usage: TokenUsage }
  | { ok: false; error: LanguageModelError; usage: TokenUsage };

export async function planSql(input: PlanSqlInput, languageModel: LanguageModel, signal?: AbortSignal): Promise<PlanOutcome> {
  try {
    const result = await languageModel.generate({
      messages: buildPlanPrompt(input),
      schema: sqlPlanSchema,
      schemaName: 'sql_plan',
      signal,
    });
    return { ok: true, plan: { ...result.value, sql: stripTrailingSemicolons(result.value.sql) }, usage: result.usage };
  } catch (error) {
    if (error instanceof LanguageModelError) return { ok: false, error, usage: error.usage ?? { promptTokens: 0, completionTokens: 0 } };
    throw error;
  }
}

/** Models often end a statement with `;`; one trailing terminator is not a second statement. */
function stripTrailingSemicolons(sql: string): string {
  return sql.trim().replace(/;\s*$/, '').trim();
}
