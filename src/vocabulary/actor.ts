import { z } from 'zod';

/** Who asks and where: the identity every adapter builds from its platform's payload. */

export const platformSchema = z.enum(['slack', 'teams', 'console', 'cli', 'eval']);
export type Platform = z.infer<typeof platformSchema>;

export const actorSchema = z.object({
  platform: platformSchema,
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  displayName: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const placeSchema = z.object({
  platform: platformSchema,
  channelId: z.string().min(1),
  threadId: z.string().optional(),
  isDirect: z.boolean(),
});
export type Place = z.infer<typeof placeSchema>;

/** `slack:U456`: how an actor is named in stored records (who verified a query). */
export function actorKey(actor: Actor): string {
  return `${actor.platform}:${actor.userId}`;
}
