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

export const semanticModelSchema = z
  .object({
    datasource: z.string().optional(),
    /** ISO 4217 code of the money columns (`unit: cents`); USD when absent. */
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'currency must be an ISO 4217 code such as USD or EUR').optional(),
    tables: z.record(z.string(), tableSchema).default({}),
  })
  .strict();

export type SemanticModel = z.infer<typeof semanticModelSchema>;
export type SemanticTable = z.infer<typeof tableSchema>;
export type SemanticColumn = z.infer<typeof columnSchema>;

export const emptySemanticModel: SemanticModel = { tables: {} };
