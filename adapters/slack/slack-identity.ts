import type { Actor, Place } from '../../src/index.ts';
import type { SlackProfile } from './slack-poster.ts';

/** Who and where, from Slack's ids: a user of a workspace (team), and a channel with the thread the reply goes in. */

/** `slack:<team>:<user>`, with the display name and the e-mail (for `email:` entitlements) when Slack gives them. */
export function slackActor(teamId: string, userId: string, profile: SlackProfile = {}): Actor {
  return { platform: 'slack', workspaceId: teamId, userId, ...(profile.displayName ? { displayName: profile.displayName } : {}), ...(profile.email ? { email: profile.email } : {}) };
}

export function slackPlace(channelId: string, threadTs: string | undefined, isDirect: boolean): Place {
  return { platform: 'slack', channelId, isDirect, ...(threadTs ? { threadId: threadTs } : {}) };
}

/** Direct-message channels start with D (a group DM, mpim, is treated like a channel). */
export function isDirectChannel(channelId: string, channelType?: string | undefined): boolean {
  return channelType === 'im' || channelType === 'directmessage' || channelId.startsWith('D');
}

/**
 * The question without the bot's mention (`<@U123> how many…` → `how many…`); other people's mentions stay as
 * `@U456`, so the question still reads as written.
 */
export function questionText(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId ? text.replaceAll(`<@${botUserId}>`, ' ') : text;
  return withoutBot
    .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, '@$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
