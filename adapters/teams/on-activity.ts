import type { App } from '@microsoft/teams.apps';
import { plainCard } from './cards/message-card.ts';
import { RUN_ACTION } from './cards/preview-card.ts';
import { actorOf, askInConversation } from './ask-in-conversation.ts';
import { commandFollowUp } from './command-follow-up.ts';
import { handleClick, parseActionData } from './on-click.ts';
import { postReply } from './post-reply.ts';
import { conversationOf, isPersonal, mentionsBot, questionText, teamsActivitySchema, teamsPlace, type TeamsActivity } from './teams-activity.ts';
import { commandOf, resolveMentions } from './teams-command.ts';
import { ACTIVITY_CLAIM_TTL_MS, type TeamsDeps } from './teams-deps.ts';

/**
 * Messages and card clicks. A personal chat: every message is a question. A channel or group chat: the bot answers
 * when mentioned, in the reply chain of that message. `sql-eval <command>` and the manifest's command list go to
 * `Assistant.command`. The HTTP answer to Teams goes out at once; the work runs after, once per activity id.
 */

const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message' as const;

export function registerActivityHandlers(app: App, deps: TeamsDeps): void {
  app.on('message', async ({ activity: raw }) => {
    const parsed = teamsActivitySchema.safeParse(raw);
    if (!parsed.success) {
      deps.logger.warn({ issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'a Teams message that could not be read; ignored');
      return;
    }
    const activity = parsed.data;
    // Action.Submit (clients without universal actions) arrives as a message carrying the card's data and no text.
    if (activity.value !== undefined && activity.value !== null) {
      const data = parseActionData(activity.value);
      deps.tasks.run(`submit ${activity.id ?? ''}`, async () => {
        if (!(await claim(deps, activity))) return;
        if (!data) return void (await deps.connector.send(conversationOf(activity), plainCard('I could not read that button. Ask the question again for a fresh preview.')));
        await handleClick(deps, activity, data);
      });
      return;
    }
    if (!isPersonal(activity) && !mentionsBot(activity)) return;
    deps.tasks.run(`message ${activity.id ?? ''}`, async () => {
      if (!(await claim(deps, activity))) return;
      const command = commandOf(activity);
      const text = questionText(activity);
      if (command !== undefined || text === '') return runCommand(deps, activity, command ?? 'help');
      await askInConversation(deps, activity, text, `teams:${activity.id ?? activity.conversation.id}`);
    });
  });

  app.on('card.action', async ({ activity: raw }) => {
    const parsed = teamsActivitySchema.safeParse(raw);
    const data = parseActionData((raw.value as { action?: { data?: unknown } } | undefined)?.action?.data);
    if (!parsed.success || !data) {
      deps.logger.warn({}, 'a card action that could not be read');
      return { statusCode: 200, type: MESSAGE_RESPONSE, value: 'I could not read that button. Ask the question again for a fresh preview.' };
    }
    const activity = parsed.data;
    deps.tasks.run(`card action ${data.action}`, async () => {
      if (!(await claim(deps, activity))) return;
      await handleClick(deps, activity, data);
    });
    return { statusCode: 200, type: MESSAGE_RESPONSE, value: data.action === RUN_ACTION ? 'Running it: the answer comes in this conversation.' : 'Cancelling the preview.' };
  });
}

/**
 * Sub-commands answer in the conversation, but `whoami` (your own entitlements) goes to your personal chat; `eval`
 * answers at once and reports its progress and scorecard later, in the same conversation.
 */
async function runCommand(deps: TeamsDeps, activity: TeamsActivity, command: string): Promise<void> {
  const ref = conversationOf(activity);
  const actor = await actorOf(deps, activity);
  const place = teamsPlace(activity);
  const resolved = await resolveMentions(activity, command, (userId) => deps.connector.member(ref, userId));
  const viewer = { id: activity.from.id, name: actor.displayName };
  // A command that goes on in the background (`eval`) reports in this conversation: a progress card, then its result.
  const followUp = commandFollowUp(deps, ref, { showSql: true, viewer, isDirect: place.isDirect });
  const reply = await deps.assistant.command(resolved, actor, place, { followUp });
  const personal = /^whoami\b/i.test(resolved) && !place.isDirect;
  if (personal) {
    const chat = await deps.connector.personalChat(ref, activity.from.id);
    if (chat.ok) {
      const sent = await postReply(deps, chat.value, reply, { showSql: true, viewer, isDirect: true });
      if (sent.ok) {
        await deps.connector.send(ref, plainCard(`${actor.displayName ?? 'You'}: I sent you the answer in our private chat.`));
        return;
      }
    }
  }
  await postReply(deps, ref, reply, { showSql: true, viewer, isDirect: place.isDirect });
}

/** True the first time this activity is seen; a store that cannot answer lets it through (logged). */
async function claim(deps: TeamsDeps, activity: TeamsActivity): Promise<boolean> {
  const key = `teams:${activity.conversation.id}:${activity.id ?? ''}:${activity.type}`;
  if (!activity.id) return true;
  try {
    const first = await deps.claims.claimEvent(key, ACTIVITY_CLAIM_TTL_MS);
    if (!first) deps.logger.info({ activityId: activity.id }, 'Teams re-delivered an activity already handled; ignored');
    return first;
  } catch (error) {
    deps.logger.warn({ err: error, activityId: activity.id }, 'could not claim the activity; handling it anyway');
    return true;
  }
}
