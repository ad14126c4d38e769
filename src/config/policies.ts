import { z } from 'zod';

/** `configs/policies.yaml`: the limits every query runs under. */
export const limitsSchema = z
  .object({
    defaultRows: z.number().int().positive().default(100),
    maxRows: z.number().int().positive().default(1000),
    statementTimeoutMs: z.number().int().positive().max(600_000).default(5000),
    largeTableRows: z.number().int().positive().default(10_000),
    maxEstimatedRows: z.number().positive().default(1_000_000),
    maxEstimatedCost: z.number().positive().default(10_000_000),
    maxFanOut: z.number().int().min(1).max(5).default(5),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Sub-questions of one split question planned and run at the same time. */
    partConcurrency: z.number().int().min(1).max(5).default(3),
    /** Time budget for planning one question, all attempts and parts included. */
    planningTimeoutMs: z.number().int().positive().max(600_000).default(120_000),
  })
  .strict()
  .refine((limits) => limits.defaultRows <= limits.maxRows, {
    message: 'defaultRows must not be larger than maxRows',
    path: ['defaultRows'],
  });

export const policiesSchema = z
  .object({
    limits: limitsSchema.default(() => limitsSchema.parse({})),
  })
  .strict();

export type Limits = z.infer<typeof limitsSchema>;
export type Policies = z.infer<typeof policiesSchema>;

export const defaultPolicies: Policies = policiesSchema.parse({});
