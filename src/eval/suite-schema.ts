import { z } from 'zod';

/** An evaluation suite file (`eval/golden/*.yaml`, `eval/security/*.yaml`). */

const common = {
  id: z.string().min(1),
  /** Cases sharing a thread run in order in one conversation. */
  thread: z.string().optional(),
  family: z.string().optional(),
  user: z.string().optional(),
  entitlements: z.array(z.string()).default([]),
};

export const questionCaseSchema = z
  .object({
    ...common,
    question: z.string().min(1),
    gold: z.string().min(1),
    tier: z.enum(['simple', 'moderate', 'complex']).default('simple'),
    ordered: z.boolean().default(false),
  })
  .strict();

export const sqlCaseSchema = z
  .object({
    ...common,
    /** SQL entering at the LLM-output boundary: validate → policy → execute. */
    sql: z.string().min(1),
    expect: z.enum(['block', 'allow', 'allow_without_pii']),
    note: z.string().optional(),
  })
  .strict();

export const suiteSchema = z
  .object({
    name: z.string().min(1),
    datasource: z.string().optional(),
    /** Pins "today" for relative dates, unless the CLI's --today says otherwise. */
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    cases: z.array(z.union([questionCaseSchema, sqlCaseSchema])).min(1),
  })
  .strict()
  .superRefine((suite, context) => {
    const seen = new Set<string>();
    suite.cases.forEach((testCase, index) => {
      if (seen.has(testCase.id)) context.addIssue({ code: 'custom', message: `duplicate case id "${testCase.id}"`, path: ['cases', index, 'id'] });
      seen.add(testCase.id);
    });
  });

export type QuestionCase = z.infer<typeof questionCaseSchema>;
export type SqlCase = z.infer<typeof sqlCaseSchema>;
export type EvalCase = QuestionCase | SqlCase;
export type Suite = z.infer<typeof suiteSchema>;

export function isQuestionCase(testCase: EvalCase): testCase is QuestionCase {
  return 'question' in testCase;
}
