import { z } from 'zod';

/** Who asks and where: the identity every adapter builds from its platform's payload. */

export const platformSchema = z.enum(['slack', 'teams', 'console', 'cli', 'eval']);
export type Platform = z.infer<typeof platformSchema>;

export const actorSchema = z.object({
  platform: platformSchema,
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  displayName: z.string().optional(),
  /** The address the platform gives for the user (Slack profile e-mail, Teams UPN), when it gives one. */
  email: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const placeSchema = z.object({
  platform: platformSchema,
  /** The workspace (Slack team, Teams tenant) the channel belongs to; the asker's when absent. */
  workspaceId: z.string().min(1).optional(),
  channelId: z.string().min(1),
  threadId: z.string().optional(),
  isDirect: z.boolean(),
});
export type Place = z.infer<typeof placeSchema>;

/**
 * A user's identity in stored records, grants and configs: `slack:<team_id>:<user_id>`, `teams:<tenant_id>:<aad_object_id>`,
 * `console:<name>`, `cli:<name>`, `eval:<name>`.
 */
export function actorKey(actor: Actor): string {
  return actor.platform === 'slack' || actor.platform === 'teams' ? `${actor.platform}:${actor.workspaceId}:${actor.userId}` : `${actor.platform}:${actor.userId}`;
}

/** `slack:T123:C0FIN`: how config files (tenants, restricted channels) name a channel. */
export function channelKey(actor: Actor, place: Place): string {
  return `${place.platform}:${place.workspaceId ?? actor.workspaceId}:${place.channelId}`;
}
