import { z } from 'zod';

/** A broken rule, in words: which rule, what was wrong, and what to do instead. */
export const violationSchema = z.object({
  rule: z.string(),
  message: z.string(),
  hint: z.string(),
});
export type Violation = z.infer<typeof violationSchema>;
