import { z } from 'zod';
import type { Actor, Place } from '../../src/index.ts';
import type { ConversationRef, MemberInfo } from './teams-connector.ts';

/**
 * An inbound Teams activity, checked once at the boundary: who sent it (Entra object id, tenant), where (personal
 * chat, group chat, or a channel's reply chain), the text, the mentions and a card's submitted data.
 */

const accountSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  email: z.string().optional(),
  userPrincipalName: z.string().optional(),
});

const mentionSchema = z.object({
  type: z.literal('mention'),
  text: z.string().optional(),
  mentioned: z.object({ id: z.string(), name: z.string().optional(), aadObjectId: z.string().optional() }),
});

export const teamsActivitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  text: z.string().optional(),
  replyToId: z.string().optional(),
  serviceUrl: z.url(),
  from: accountSchema,
  recipient: z.object({ id: z.string().min(1), name: z.string().optional() }),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string() }).optional(),
      channel: z.object({ id: z.string() }).optional(),
      team: z.object({ id: z.string() }).optional(),
    })
    .optional(),
  entities: z.array(z.unknown()).optional(),
  value: z.unknown().optional(),
});
export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

export interface Mention {
  text: string;
  id: string;
  name: string | undefined;
  aadObjectId: string | undefined;
}

export function mentionsOf(activity: TeamsActivity): Mention[] {
  return (activity.entities ?? []).flatMap((entity) => {
    const parsed = mentionSchema.safeParse(entity);
    if (!parsed.success) return [];
    const { mentioned } = parsed.data;
    return [{ text: parsed.data.text ?? `<at>${mentioned.name ?? ''}</at>`, id: mentioned.id, name: mentioned.name, aadObjectId: mentioned.aadObjectId }];
  });
}

export function tenantOf(activity: TeamsActivity): string {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? 'unknown-tenant';
}

export function isPersonal(activity: TeamsActivity): boolean {
  return activity.conversation.conversationType === 'personal' || (activity.conversation.conversationType === undefined && activity.conversation.isGroup !== true && !activity.conversation.id.startsWith('19:'));
}

export function mentionsBot(activity: TeamsActivity): boolean {
  return mentionsOf(activity).some((mention) => mention.id === activity.recipient.id);
}

/** The conversation a reply goes to: the same one, which for a channel message is its reply chain (`;messageid=`). */
export function conversationOf(activity: TeamsActivity): ConversationRef {
  return { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id, tenantId: tenantOf(activity), bot: { id: activity.recipient.id, name: activity.recipient.name } };
}

/** `teams:<tenant>:<aad object id>`, with the UPN or e-mail when the activity or the member lookup gives one. */
export function teamsActor(activity: TeamsActivity, member?: MemberInfo | undefined): Actor {
  const from = activity.from;
  const email = from.email ?? from.userPrincipalName ?? member?.email ?? member?.userPrincipalName;
  const name = from.name ?? member?.name;
  return {
    platform: 'teams',
    workspaceId: tenantOf(activity),
    userId: from.aadObjectId ?? member?.aadObjectId ?? from.id,
    ...(name ? { displayName: name } : {}),
    ...(email && email.includes('@') ? { email: email.toLowerCase() } : {}),
  };
}

/**
 * Where: a personal chat is direct; a channel is the channel (its id without the reply chain) with the thread root as
 * the thread, so follow-ups in a reply chain continue it; a group chat is one conversation.
 */
export function teamsPlace(activity: TeamsActivity): Place {
  const [conversation = activity.conversation.id, root] = activity.conversation.id.split(';messageid=');
  const channelId = activity.channelData?.channel?.id ?? conversation;
  const threadId = root ?? (activity.conversation.conversationType === 'channel' ? activity.id : undefined);
  return { platform: 'teams', workspaceId: tenantOf(activity), channelId, isDirect: isPersonal(activity), ...(threadId ? { threadId } : {}) };
}

/**
 * The question as written, without the bot's own mention: other people's mentions stay as `@Name` (the SDK's
 * `stripText` would remove them too), Teams' HTML is reduced to text.
 */
export function questionText(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  for (const mention of mentionsOf(activity)) text = text.split(mention.text).join(mention.id === activity.recipient.id ? ' ' : `@${mention.name ?? 'someone'}`);
  if (activity.recipient.name) text = text.split(`<at>${activity.recipient.name}</at>`).join(' ');
  return plainText(text);
}

function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n')
    .replace(/<at>([^<]*)<\/at>/gi, '@$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
