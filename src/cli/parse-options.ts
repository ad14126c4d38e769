import type { z } from 'zod';
import { CliError } from './cli-error.ts';

/** A command's flags parsed with its zod schema at the edge: every problem in one CliError (exit 2), naming the flag. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}
