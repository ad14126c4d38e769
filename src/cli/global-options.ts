import { z } from 'zod';

const postgresUrlForm = 'a postgres:// or postgresql:// URL (postgres://user@host:5432/database)';

/**
 * `--database-url`: a PostgreSQL connection URL or a secret reference. Only the scheme is checked here (the
 * driver accepts forms a URL parser refuses, such as `postgres://user@/db?host=/socket`); the value is never
 * repeated in the message, since it may hold a password.
 */
export const databaseUrlSchema = z
  .string()
  .trim()
  .regex(/^(postgres|postgresql|secret):\/\/\S/, `--database-url must be ${postgresUrlForm} or a secret reference such as secret://env/DATABASE_URL`);

/** `--database-url` of the commands that connect directly (`semantic init`, `sample-db load`): no secret references. */
export const postgresUrlSchema = z
  .string()
  .trim()
  .regex(/^(postgres|postgresql):\/\/\S/, `--database-url must be ${postgresUrlForm}`);

/** Dates before 1900 or after 2999 are typing mistakes, and break every relative date question. */
const todaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '--today must be a date as YYYY-MM-DD', abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { message: '--today is not a real date', abort: true })
  .refine((value) => value >= '1900-01-01' && value <= '2999-12-31', '--today must be between 1900-01-01 and 2999-12-31');

/** Flags shared by `ask`, `check`, `eval` and `demo`, parsed once at the edge. */
export const globalOptionsSchema = z.object({
  databaseUrl: databaseUrlSchema.optional(),
  datasource: z.string().min(1).optional(),
  semantic: z.string().min(1).optional(),
  policies: z.string().min(1).optional(),
  config: z.string().min(1).default('configs'),
  lane: z.enum(['auto', 'fast', 'llm'], { message: '--lane must be auto, fast or llm' }).default('auto'),
  today: todaySchema.optional(),
  json: z.boolean().default(false),
});

export type GlobalOptions = z.infer<typeof globalOptionsSchema>;
