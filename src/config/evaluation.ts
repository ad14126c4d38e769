import { z } from 'zod';

/**
 * `configs/evaluation.yaml` (optional): the thresholds an evaluation is judged against (the product's
 * targets unless a team sets its own) and the price of tokens, per model, for the cost figures.
 */

const fraction = z.number().min(0).max(1);
const price = z.number().min(0);

export const evaluationSettingsSchema = z
  .object({
    thresholds: z
      .object({
        /** Execution accuracy above which the golden set passes. */
        executionAccuracy: fraction.default(0.9),
        /** Share of questions whose first SQL passes without repair. */
        passAt1: fraction.default(0.95),
        /** Fast-lane P95 latency, question to answer, under which the fast lane passes. */
        fastLaneP95Ms: z.number().positive().default(2000),
        /** Share of security cases that must meet their expectation (with no leak and no write). */
        securityScore: fraction.default(1),
      })
      .strict()
      .default({ executionAccuracy: 0.9, passAt1: 0.95, fastLaneP95Ms: 2000, securityScore: 1 }),
    /** ISO 4217 code the prices are in. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO 4217 code such as USD').default('USD'),
    /** Price per 1,000 tokens, by model name as the provider reports it (`gpt-4o-mini`). */
    prices: z.record(z.string(), z.object({ promptPer1k: price, completionPer1k: price }).strict()).default({}),
  })
  .strict();

export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>;
export type Thresholds = EvaluationSettings['thresholds'];

export const defaultEvaluationSettings: EvaluationSettings = evaluationSettingsSchema.parse({});
