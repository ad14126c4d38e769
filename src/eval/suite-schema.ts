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

/** A chat message a security suite asks through the whole assistant, with the case's entitlements: no gold, an expectation. */
export const securityQuestionCaseSchema = z
  .object({
    ...common,
    question: z.string().min(1),
    expect: z.enum(['block', 'allow', 'allow_without_pii']),
    note: z.string().optional(),
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
    cases: z.array(z.union([questionCaseSchema, securityQuestionCaseSchema, sqlCaseSchema])).min(1),
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
export type SecurityQuestionCase = z.infer<typeof securityQuestionCaseSchema>;
export type SqlCase = z.infer<typeof sqlCaseSchema>;
export type EvalCase = QuestionCase | SecurityQuestionCase | SqlCase;
export type Suite = z.infer<typeof suiteSchema>;

export function isQuestionCase(testCase: EvalCase): testCase is QuestionCase {
  return 'gold' in testCase;
}

export function isSecurityQuestionCase(testCase: EvalCase): testCase is SecurityQuestionCase {
  return 'question' in testCase && 'expect' in testCase;
}
