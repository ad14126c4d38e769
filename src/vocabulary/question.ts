import { z } from 'zod';
import { actorSchema, placeSchema } from './actor.ts';

/** A question from any adapter: checked once at the boundary with `questionSchema`. */

export const questionSchema = z.object({
  text: z.string().trim().min(1, 'the question is empty').max(2000, 'the question is longer than 2000 characters'),
  actor: actorSchema,
  place: placeSchema,
  requestId: z.string().min(1),
});
export type Question = z.infer<typeof questionSchema>;

export type ProgressStatus =
  | 'routing'
  | 'planning'
  | 'validating'
  | 'awaiting-confirmation'
  | 'executing'
  | 'finished'
  | 'refused'
  | 'failed';

export interface AskOptions {
  onProgress?: ((status: ProgressStatus) => void) | undefined;
}
