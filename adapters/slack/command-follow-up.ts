import type { RespondFn } from '@slack/bolt';
import type { FollowUp } from '../../src/index.ts';
import { inTurn } from '../shared/in-turn.ts';
import { plainMessage } from './blocks/message-blocks.ts';
import { escapeText } from './blocks/mrkdwn.ts';
import { postReply, replyMessage } from './post-reply.ts';
import type { SlackDeps } from './slack-deps.ts';
import { NOT_IN_CHANNEL_CODES } from './slack-poster.ts';

/**
 * Where a slash command that goes on in the background (`/sql-eval eval`) reports: its first progress message is
 * posted to the channel and later ones update it; the final reply (the scorecard, its chart and report files) goes in
 * that message's thread. Where the bot cannot post, the person who ran the command hears privately. Calls run one after
 * another, in the order they were made, so an update never overtakes the message it updates, nor the reply its
 * progress; a failure is logged, never thrown.
 */
export function commandFollowUp(deps: SlackDeps, channel: string, userId: string, respond: RespondFn): FollowUp {
  let root: string | undefined;
  let refused: string | undefined;
  const tellPrivately = async (message: { blocks: ReturnType<typeof plainMessage>['blocks']; text: string }) => {
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, blocks: message.blocks, text: message.text });
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not answer through the response URL');
    }
  };
  const inOrder = inTurn(deps.logger);
  return {
    progress: (text) =>
      inOrder('report the progress of a command', async () => {
        const message = plainMessage(`:hourglass_flowing_sand: ${escapeText(text)}`);
        if (root) {
          const updated = await deps.poster.update(channel, root, message);
          if (!updated.ok) deps.logger.warn({ code: updated.code }, 'could not update the progress message');
          return;
        }
        if (refused) return;
        const posted = await deps.poster.postMessage({ channel }, plainMessage(`<@${userId}> ${escapeText(text)}`));
        if (posted.ok) {
          root = posted.value.ts;
          return;
        }
        refused = posted.code;
        const hint = NOT_IN_CHANNEL_CODES.has(posted.code) ? 'I am not a member of this channel: invite me (`/invite @sql-eval`) to get the scorecard and the report files here. I will tell you the result privately.' : 'I could not post in this channel; I will tell you the result privately.';
        await tellPrivately(plainMessage(`${escapeText(text)}\n${hint}`));
      }),
    deliver: (reply) =>
      inOrder('post the result of a command', async () => {
        if (root) {
          const posted = await postReply(deps.poster, deps.logger, { channel, threadTs: root }, reply, { previewExpiresAt: deps.now() + deps.previewTtlMs, showSql: false, viewerUserId: userId });
          if (posted.ts !== undefined) return;
        }
        // Ephemeral messages carry no files: the scorecard alone, with where the reports are.
        if (reply.kind === 'answer') return;
        await tellPrivately(replyMessage(reply, { previewExpiresAt: deps.now() + deps.previewTtlMs }));
      }),
  };
}
