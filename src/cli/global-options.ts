import { z } from 'zod';

/** Flags shared by `ask`, `check`, `eval` and `demo`, parsed once at the edge. */
export const globalOptionsSchema = z.object({
  databaseUrl: z.string().min(1).optional(),
  datasource: z.string().min(1).optional(),
  semantic: z.string().min(1).optional(),
  policies: z.string().min(1).optional(),
  config: z.string().min(1).default('configs'),
  lane: z.enum(['auto', 'fast', 'llm'], { message: '--lane must be auto, fast or llm' }).default('auto'),
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '--today must be a date as YYYY-MM-DD')
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), '--today is not a real date')
    .optional(),
  json: z.boolean().default(false),
});

export type GlobalOptions = z.infer<typeof globalOptionsSchema>;
