import { z } from 'zod';
import type { Reply } from '../../src/index.ts';
import type { CardMessage } from './cards/card-types.ts';
import { cardTime } from './cards/card-text.ts';
import { failureCard, plainCard, refusalCard } from './cards/message-card.ts';
import { CANCEL_ACTION, RUN_ACTION, settledPreviewCard, type PreviewActionData } from './cards/preview-card.ts';
import { actorOf, keepTyping } from './ask-in-conversation.ts';
import { postReply } from './post-reply.ts';
import { conversationOf, isPersonal, teamsPlace, type TeamsActivity } from './teams-activity.ts';
import type { TeamsDeps } from './teams-deps.ts';

/**
 * Run and Cancel on a preview card, whether they arrive as an `Action.Execute` invoke or, from older clients, as an
 * `Action.Submit` message. The clicker is the actor: `Assistant.confirm` checks the policy again with their
 * entitlements, and `Assistant.cancel` lets only the asker (or an admin) cancel. What only the clicker should see (a
 * refusal, "not allowed", an expired preview) goes to them alone (their personal chat with the bot); the preview
 * stays for the asker. After a Run or a Cancel the card is updated in place: the buttons give way to who ran or
 * cancelled it, and when.
 */

export const previewActionDataSchema = z.object({
  action: z.enum([RUN_ACTION, CANCEL_ACTION]),
  previewId: z.string().min(1).max(200),
  expiresAt: z.number(),
});

export function parseActionData(value: unknown): PreviewActionData | undefined {
  const parsed = previewActionDataSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function handleClick(deps: TeamsDeps, activity: TeamsActivity, data: PreviewActionData): Promise<void> {
  const actor = await actorOf(deps, activity);
  const name = actor.displayName ?? 'someone';
  if (data.action === RUN_ACTION) {
    // The query may take a while: the conversation shows the bot typing meanwhile.
    const typing = keepTyping(deps, conversationOf(activity));
    const reply = await deps.assistant.confirm(data.previewId, actor).finally(() => typing.stop());
    switch (reply.kind) {
      case 'answer':
        await settle(deps, activity, data, `✅ Run by ${name} ${cardTime(deps.now())}`);
        await postReply(deps, conversationOf(activity), reply, { showSql: false, viewer: { id: activity.from.id, name: actor.displayName }, isDirect: teamsPlace(activity).isDirect });
        return;
      case 'failure':
        if (reply.code === 'preview-not-found') return gone(deps, activity, data);
        if (reply.code === 'not-allowed') return tellClicker(deps, activity, failureCard(reply));
        // Nothing ran (the database is down or busy): everyone in the conversation sees why; the preview can be run again.
        await deps.connector.send(conversationOf(activity), failureCard(reply));
        return;
      case 'refusal':
        // The clicker's own entitlements do not cover this SQL: only they are told; the preview stays for the asker.
        return tellClicker(deps, activity, refusalCard(reply));
      default:
        return tellClicker(deps, activity, messageOf(reply));
    }
  }
  const reply = await deps.assistant.cancel(data.previewId, actor);
  if (reply.kind === 'notice') {
    await settle(deps, activity, data, `✖️ Cancelled by ${name} ${cardTime(deps.now())}; nothing was run.`);
    deps.previewCards.delete(data.previewId);
    return;
  }
  if (reply.kind === 'failure' && reply.code === 'preview-not-found') return gone(deps, activity, data);
  await tellClicker(deps, activity, messageOf(reply));
}

/** Run or Cancel on a preview that is no longer there: expired, or already run or cancelled by someone else. */
async function gone(deps: TeamsDeps, activity: TeamsActivity, data: PreviewActionData): Promise<void> {
  if (deps.now() > data.expiresAt) {
    await settle(deps, activity, data, `⌛ Expired ${cardTime(data.expiresAt)}; not run.`);
    await tellClicker(deps, activity, plainCard(`This preview expired (a preview can be run for ${Math.round(deps.previewTtlMs / 60_000)} minutes). Ask the question again for a fresh one.`));
    return;
  }
  await tellClicker(deps, activity, plainCard('This preview was already run or cancelled. Ask the question again for a fresh one.'));
}

/** The preview card, updated for everyone: its buttons replaced by what happened. */
async function settle(deps: TeamsDeps, activity: TeamsActivity, data: PreviewActionData, outcome: string): Promise<void> {
  const cardActivityId = activity.replyToId;
  if (!cardActivityId) {
    deps.logger.warn({ previewId: data.previewId }, 'a click without the id of its card: the card is not updated');
    return;
  }
  const card = settledPreviewCard(deps.previewCards.get(data.previewId), outcome);
  if (data.action === RUN_ACTION) deps.previewCards.delete(data.previewId);
  await deps.connector.update(conversationOf(activity), cardActivityId, { card, text: outcome.replace(/\{\{[^}]*\}\}/g, '').trim() });
}

/** Something for the clicker alone: in a personal chat, there; in a shared conversation, their personal chat with the bot. */
async function tellClicker(deps: TeamsDeps, activity: TeamsActivity, message: CardMessage): Promise<void> {
  const ref = conversationOf(activity);
  if (isPersonal(activity)) {
    await deps.connector.send(ref, message);
    return;
  }
  const chat = await deps.connector.personalChat(ref, activity.from.id);
  if (chat.ok) {
    const sent = await deps.connector.send(chat.value, message);
    if (sent.ok) return;
  }
  deps.logger.warn({ conversation: ref.conversationId }, 'could not tell the clicker privately');
}

function messageOf(reply: Reply): CardMessage {
  switch (reply.kind) {
    case 'failure':
      return failureCard(reply);
    case 'refusal':
      return refusalCard(reply);
    case 'notice':
    case 'clarification':
      return plainCard(reply.message);
    default:
      return plainCard('Done.');
  }
}
