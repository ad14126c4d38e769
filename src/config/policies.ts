import { z } from 'zod';

/** `configs/policies.yaml`: the limits every query runs under. */
export const limitsSchema = z
  .object({
    defaultRows: z.number().int().positive().default(100),
    maxRows: z.number().int().positive().default(1000),
    statementTimeoutMs: z.number().int().positive().max(600_000).default(5000),
    /** `SET LOCAL lock_timeout`: a query waiting behind someone else's lock gives up instead of queueing. */
    lockTimeoutMs: z.number().int().positive().max(600_000).default(1000),
    largeTableRows: z.number().int().positive().default(10_000),
    maxEstimatedRows: z.number().positive().default(1_000_000),
    maxEstimatedCost: z.number().positive().default(10_000_000),
    maxFanOut: z.number().int().min(1).max(5).default(5),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Sub-questions of one split question planned and run at the same time. */
    partConcurrency: z.number().int().min(1).max(5).default(3),
    /** Tokens one question may spend on planning, all attempts and parts included. */
    maxRequestTokens: z.number().int().positive().default(60_000),
    /** Time budget for planning one question, all attempts and parts included. */
    planningTimeoutMs: z.number().int().positive().max(600_000).default(120_000),
  })
  .strict()
  .refine((limits) => limits.defaultRows <= limits.maxRows, {
    message: 'defaultRows must not be larger than maxRows',
    path: ['defaultRows'],
  });

/** When a preview waits for Run: always for the planner lane; for the fast lane only where configured. */
export const confirmationSchema = z
  .object({
    /** Fast-lane answers are deterministic, read-only and bounded: by default they run at once. */
    fastLane: z.boolean().default(false),
    /** Channel ids where every lane asks first (`all`), whatever `fastLane` says. */
    channels: z.record(z.string(), z.enum(['all', 'planner'])).default({}),
  })
  .strict();

/** Per datasource: the circuit breaker and the admission queue; the fast lane's value-index refresh. */
export const resilienceSchema = z
  .object({
    /** Consecutive failures that are the database's fault (unreachable, timed out) before queries fail fast. */
    failureThreshold: z.number().int().min(1).default(5),
    /** How long queries fail fast before one trial query decides. */
    cooldownMs: z.number().int().positive().default(30_000),
    /** Statements run at once on the datasource; its connection pool holds as many connections. */
    maxConcurrentQueries: z.number().int().min(1).max(200).default(8),
    /** Statements waiting for a turn; one more is refused at once as `overloaded`. */
    maxQueuedQueries: z.number().int().min(0).default(500),
    /** How long a statement waits for its turn before it is refused as `overloaded`. */
    queueTimeoutMs: z.number().int().positive().max(600_000).default(30_000),
    /** How often the fast lane reads the categorical values of the tables again (0: never; skipped tables are still retried). */
    valueIndexRefreshMs: z.number().int().min(0).default(600_000),
  })
  .strict();

export const policiesSchema = z
  .object({
    limits: limitsSchema.default(() => limitsSchema.parse({})),
    resilience: resilienceSchema.default(() => resilienceSchema.parse({})),
    confirmation: confirmationSchema.default(() => confirmationSchema.parse({})),
  })
  .strict();

export type Confirmation = z.infer<typeof confirmationSchema>;

export type Limits = z.infer<typeof limitsSchema>;
export type Policies = z.infer<typeof policiesSchema>;

export const defaultPolicies: Policies = policiesSchema.parse({});
