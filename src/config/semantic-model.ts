import { z } from 'zod';

/** `configs/semantic/<datasource>.yaml`: what introspection cannot know about tables and columns. */

const columnSchema = z
  .object({
    description: z.string().optional(),
    synonyms: z.array(z.string()).default([]),
    pii: z.boolean().default(false),
    unit: z.string().optional(),
  })
  .strict();

const tableSchema = z
  .object({
    description: z.string().optional(),
    synonyms: z.array(z.string()).default([]),
    large: z.boolean().optional(),
    columns: z.record(z.string(), columnSchema).default({}),
  })
  .strict();

/**
 * A figure people ask for by name ("revenue", "turnover"): an aggregate of an expression over one table's columns.
 * Questions may group and filter it by anything reachable from that table along foreign keys.
 */
const metricSchema = z
  .object({
    description: z.string().optional(),
    synonyms: z.array(z.string()).default([]),
    /** The table the expression reads: `order_items`, or `schema.table`. */
    table: z.string().min(1),
    /** SQL over that table's columns: `quantity * unit_price_cents`. */
    expression: z.string().min(1),
    aggregate: z.enum(['sum', 'avg', 'min', 'max']).default('sum'),
    /** `cents` for money in minor units. */
    unit: z.string().optional(),
  })
  .strict();

export const semanticModelSchema = z
  .object({
    datasource: z.string().optional(),
    /** What people call the database as a whole ("the shop"): such words in a question name nothing more. */
    synonyms: z.array(z.string()).default([]),
    /** ISO 4217 code of the money columns (`unit: cents`); USD when absent. */
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'currency must be an ISO 4217 code such as USD or EUR').optional(),
    tables: z.record(z.string(), tableSchema).default({}),
    metrics: z.record(z.string(), metricSchema).default({}),
  })
  .strict();

export type SemanticModel = z.infer<typeof semanticModelSchema>;
export type SemanticTable = z.infer<typeof tableSchema>;
export type SemanticColumn = z.infer<typeof columnSchema>;
export type SemanticMetric = z.infer<typeof metricSchema>;

export const emptySemanticModel: SemanticModel = { synonyms: [], tables: {}, metrics: {} };
