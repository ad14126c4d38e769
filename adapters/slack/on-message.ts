import type { App } from '@slack/bolt';
import { askInThread } from './ask-in-thread.ts';
import { noticeMessage } from './blocks/message-blocks.ts';
import { EVENT_CLAIM_TTL_MS, type SlackDeps } from './slack-deps.ts';
import { questionText, slackActor, slackPlace } from './slack-identity.ts';

/**
 * Channel mentions (`app_mention`) and direct messages (`message.im`): the question is the text without the mention,
 * and every reply goes into the message's thread, so a follow-up there continues the conversation. Events are acked
 * by Bolt at once; the work runs after, once per event id (Slack re-delivers when an ack is late).
 */

interface IncomingMessage {
  text: string;
  user: string;
  channel: string;
  ts: string;
  threadTs: string | undefined;
  teamId: string;
  eventId: string;
  isDirect: boolean;
  botUserId: string | undefined;
}

export function registerMessageListeners(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, context }) => {
    if (!event.user || 'bot_id' in event && event.bot_id) return;
    handle(deps, {
      text: event.text,
      user: event.user,
      channel: event.channel,
      ts: event.ts,
      threadTs: event.thread_ts,
      teamId: body.team_id,
      eventId: body.event_id,
      isDirect: false,
      botUserId: context.botUserId,
    });
  });

  app.event('message', async ({ event, body, context }) => {
    // Only plain messages people write to the bot directly: no edits, joins, bot posts (its own included).
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if ('bot_id' in event && event.bot_id) return;
    if (!event.user || event.user === context.botUserId) return;
    handle(deps, {
      text: event.text ?? '',
      user: event.user,
      channel: event.channel,
      ts: event.ts,
      threadTs: event.thread_ts,
      teamId: body.team_id,
      eventId: body.event_id,
      isDirect: true,
      botUserId: context.botUserId,
    });
  });
}

function handle(deps: SlackDeps, message: IncomingMessage): void {
  deps.tasks.run(`event ${message.eventId}`, async () => {
    if (!(await claim(deps, message.eventId))) return;
    const thread = message.threadTs ?? message.ts;
    const actor = slackActor(message.teamId, message.user, await deps.poster.profile(message.user));
    const place = slackPlace(message.channel, thread, message.isDirect);
    const text = questionText(message.text, message.botUserId);
    if (text === '') {
      const help = await deps.assistant.command('help', actor, place);
      if (help.kind === 'notice') await deps.poster.postMessage({ channel: message.channel, threadTs: thread }, noticeMessage(help));
      return;
    }
    await askInThread(deps, {
      text,
      actor,
      place,
      requestId: `slack:${message.eventId}`,
      target: { channel: message.channel, threadTs: thread },
      reactTo: { channel: message.channel, ts: message.ts },
    });
  });
}

/** True the first time this event id is seen; a store that cannot answer lets the event through (logged). */
async function claim(deps: SlackDeps, eventId: string): Promise<boolean> {
  try {
    const first = await deps.claims.claimEvent(`slack:${eventId}`, EVENT_CLAIM_TTL_MS);
    if (!first) deps.logger.info({ eventId }, 'Slack re-delivered an event already handled; ignored');
    return first;
  } catch (error) {
    deps.logger.warn({ err: error, eventId }, 'could not claim the event; answering it anyway');
    return true;
  }
}
