import type { FollowUp, Reply } from '../../src/index.ts';
import { inTurn } from '../shared/in-turn.ts';
import { plainCard } from './cards/message-card.ts';
import { postReply, type PostReplyOptions } from './post-reply.ts';
import type { ConversationRef } from './teams-connector.ts';
import type { TeamsDeps } from './teams-deps.ts';

/**
 * Where a command that goes on in the background (`sql-eval eval`) reports in Teams: its first progress message is a
 * card sent to the conversation, later ones update that card in place; the final reply (the scorecard, with links to
 * the chart and report files) is posted in the same conversation, which in a channel is the command's reply chain,
 * where the progress card is too (the connector has no call to reply to one activity). Calls run one after another,
 * in the order they were made, so an update never overtakes the card it updates. Nothing is thrown: a failed call is
 * logged (the connector logs its status and code) and the run goes on.
 */
export function commandFollowUp(deps: TeamsDeps, ref: ConversationRef, options: PostReplyOptions): FollowUp {
  // The progress card's activity id once sent; null when it could not be sent (or Teams gave no id to update).
  let progressId: string | null | undefined;
  const inOrder = inTurn(deps.logger, { conversationId: ref.conversationId });
  return {
    progress: (message) =>
      inOrder('report the progress of a command', async () => {
        const card = plainCard(`⏳ ${message}`);
        if (progressId) {
          const updated = await deps.connector.update(ref, progressId, card);
          if (!updated.ok) deps.logger.warn({ code: updated.code, status: updated.status }, 'could not update the progress card');
          return;
        }
        // A conversation the bot cannot post to will not take the next progress either: the reply is still tried.
        if (progressId === null) return;
        const sent = await deps.connector.send(ref, card);
        if (!sent.ok) deps.logger.warn({ code: sent.code, status: sent.status }, 'could not send the progress card; the result will still be posted');
        progressId = sent.ok && sent.value.id !== '' ? sent.value.id : null;
      }),
    deliver: (reply: Reply) =>
      inOrder('post the result of a command', async () => {
        const posted = await postReply(deps, ref, reply, options);
        if (!posted.ok) deps.logger.warn({ code: posted.code, status: posted.status, kind: reply.kind }, 'could not post the result of a command');
      }),
  };
}
