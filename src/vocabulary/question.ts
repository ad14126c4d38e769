import { z } from 'zod';
import { actorSchema, placeSchema } from './actor.ts';

/** A question from any adapter: checked once at the boundary with `questionSchema`. */

/**
 * Control and format characters (Unicode Cc and Cf: bidi overrides such as U+202E, marks such as U+200E,
 * zero-width spaces, the BOM) are invisible to the asker: they are removed, so a question made only of
 * them is empty, and none reaches the model. Newlines and tabs stay, and so do the zero-width joiners
 * (U+200C, U+200D) that Persian, Indic scripts and emoji sequences need; a question of joiners alone is empty.
 */
const invisibleCharacters = /(?![\n\t\u200C\u200D])[\p{Cc}\p{Cf}]/gu;
const visibleCharacter = /[^\s\u200C\u200D]/u;

export const questionSchema = z.object({
  text: z
    .string()
    .overwrite((text) => text.replace(invisibleCharacters, ''))
    .trim()
    .refine((text) => visibleCharacter.test(text), 'the question is empty')
    .max(2000, 'the question is longer than 2000 characters'),
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
