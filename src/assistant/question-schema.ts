import { z } from 'zod';

/** The boundary check for a question coming from any adapter. */

const platformSchema = z.enum(['slack', 'teams', 'console', 'cli', 'eval']);

export const actorSchema = z.object({
  platform: platformSchema,
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  displayName: z.string().optional(),
});

export const placeSchema = z.object({
  platform: platformSchema,
  channelId: z.string().min(1),
  threadId: z.string().optional(),
  isDirect: z.boolean(),
});

export const questionSchema = z.object({
  text: z.string().trim().min(1, 'the question is empty').max(2000, 'the question is longer than 2000 characters'),
  actor: actorSchema,
  place: placeSchema,
  requestId: z.string().min(1),
});
