import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { KnownBlock } from './blocks/block-types.ts';
import { z } from 'zod';
import type { Reply } from '../../src/index.ts';
import { failureMessage, plainMessage, refusalMessage, type TextMessage } from './blocks/message-blocks.ts';
import { slackDate } from './blocks/mrkdwn.ts';
import { CANCEL_ACTION, RUN_ACTION, settledPreviewBlocks } from './blocks/preview-blocks.ts';
import { answerMessage } from './blocks/answer-blocks.ts';
import { postReply } from './post-reply.ts';
import type { SlackDeps } from './slack-deps.ts';
import { slackActor } from './slack-identity.ts';

/**
 * Run and Cancel on a preview. The clicker is the actor: `Assistant.confirm` checks the policy again with their
 * entitlements, and `Assistant.cancel` lets only the asker (or an admin) cancel. What only the clicker should see (a
 * refusal, "not allowed", an expired preview) is ephemeral; the preview stays for the asker. After a Run or a Cancel the
 * preview message is updated in place: the buttons give way to who ran or cancelled it, and when.
 */

const buttonValueSchema = z.object({ previewId: z.string().min(1).max(200), expiresAt: z.number() });

interface Click {
  action: 'run' | 'cancel';
  previewId: string;
  expiresAt: number;
  userId: string;
  teamId: string;
  channel: string | undefined;
  messageTs: string | undefined;
  threadTs: string | undefined;
  blocks: KnownBlock[];
  ephemeral: boolean;
  respond: RespondFn;
}

export function registerActionListeners(app: App, deps: SlackDeps): void {
  for (const [actionId, kind] of [[RUN_ACTION, 'run'], [CANCEL_ACTION, 'cancel']] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const parsed = parseValue(action.value);
      const userId = body.user.id;
      if (!parsed) {
        deps.logger.warn({ actionId }, 'a button with an unreadable value');
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'I could not read that button. Ask the question again for a fresh preview.' }).catch(() => {});
        return;
      }
      const click: Click = {
        action: kind,
        ...parsed,
        userId,
        teamId: body.team?.id ?? body.user.team_id ?? 'unknown',
        channel: body.channel?.id ?? body.container?.channel_id,
        messageTs: body.message?.ts ?? body.container?.message_ts,
        threadTs: body.message?.thread_ts ?? body.message?.ts,
        blocks: (body.message?.blocks ?? []) as KnownBlock[],
        ephemeral: body.container?.is_ephemeral === true,
        respond,
      };
      deps.tasks.run(`${kind} ${parsed.previewId}`, () => (kind === 'run' ? run(deps, click) : cancel(deps, click)));
    });
  }
}

function parseValue(value: string | undefined): z.infer<typeof buttonValueSchema> | undefined {
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function run(deps: SlackDeps, click: Click): Promise<void> {
  const actor = slackActor(click.teamId, click.userId, await deps.poster.profile(click.userId));
  const reply = await deps.assistant.confirm(click.previewId, actor);
  switch (reply.kind) {
    case 'answer': {
      await settle(deps, click, `:white_check_mark: Run by <@${click.userId}> ${slackDate(deps.now())}`);
      if (click.ephemeral || !click.channel) {
        const message = answerMessage({ table: reply.table, hiddenColumns: reply.hiddenColumns, rowPolicies: reply.rowPolicies, lane: reply.lane, elapsedMs: reply.elapsedMs });
        await click.respond({ response_type: 'ephemeral', replace_original: false, blocks: message.blocks, text: message.text }).catch(() => {});
        return;
      }
      await postReply(deps.poster, deps.logger, { channel: click.channel, threadTs: click.threadTs }, reply, { previewExpiresAt: click.expiresAt, showSql: false, viewerUserId: click.userId });
      return;
    }
    case 'failure':
      if (reply.code === 'preview-not-found') return gone(deps, click);
      if (reply.code === 'not-allowed') return tellClicker(deps, click, failureMessage(reply));
      // Nothing ran (the database is down or busy): everyone in the thread sees why; the preview can be run again.
      return postInThread(deps, click, failureMessage(reply));
    case 'refusal':
      // The clicker's own entitlements do not cover this SQL: only they are told; the preview stays for the asker.
      return tellClicker(deps, click, refusalMessage(reply));
    default:
      return tellClicker(deps, click, messageOf(reply));
  }
}

async function cancel(deps: SlackDeps, click: Click): Promise<void> {
  const actor = slackActor(click.teamId, click.userId);
  const reply = await deps.assistant.cancel(click.previewId, actor);
  if (reply.kind === 'notice') {
    await settle(deps, click, `:x: Cancelled by <@${click.userId}> ${slackDate(deps.now())}; nothing was run.`);
    return;
  }
  if (reply.kind === 'failure' && reply.code === 'preview-not-found') return gone(deps, click);
  await tellClicker(deps, click, messageOf(reply));
}

/** Run or Cancel on a preview that is no longer there: expired, or already run or cancelled by someone else. */
async function gone(deps: SlackDeps, click: Click): Promise<void> {
  const minutes = Math.round(deps.previewTtlMs / 60_000);
  if (deps.now() > click.expiresAt) {
    await settle(deps, click, `:hourglass: Expired ${slackDate(click.expiresAt)}; not run.`);
    await tellClicker(deps, click, plainMessage(`This preview expired ${slackDate(click.expiresAt)} (a preview can be run for ${minutes} minutes). Ask the question again for a fresh one.`));
    return;
  }
  await tellClicker(deps, click, plainMessage('This preview was already run or cancelled. Ask the question again for a fresh one.'));
}

async function settle(deps: SlackDeps, click: Click, outcome: string): Promise<void> {
  const blocks = settledPreviewBlocks(click.blocks, outcome);
  const text = outcome.replace(/<[^>]*\|([^>]*)>/g, '$1');
  if (click.ephemeral || !click.channel || !click.messageTs) {
    await click.respond({ replace_original: true, blocks, text }).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not update the ephemeral preview'));
    return;
  }
  await deps.poster.update(click.channel, click.messageTs, { blocks, text });
}

async function tellClicker(deps: SlackDeps, click: Click, message: TextMessage): Promise<void> {
  if (!click.ephemeral && click.channel) {
    const posted = await deps.poster.postEphemeral({ channel: click.channel, threadTs: click.threadTs }, click.userId, message);
    if (posted.ok) return;
  }
  await click.respond({ response_type: 'ephemeral', replace_original: false, blocks: message.blocks, text: message.text }).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not answer the click'));
}

async function postInThread(deps: SlackDeps, click: Click, message: TextMessage): Promise<void> {
  if (click.ephemeral || !click.channel) return tellClicker(deps, click, message);
  const posted = await deps.poster.postMessage({ channel: click.channel, threadTs: click.threadTs }, message);
  if (!posted.ok) await tellClicker(deps, click, message);
}

function messageOf(reply: Reply): TextMessage {
  switch (reply.kind) {
    case 'failure':
      return failureMessage(reply);
    case 'refusal':
      return refusalMessage(reply);
    case 'notice':
    case 'clarification':
      return plainMessage(reply.message);
    default:
      return plainMessage('Done.');
  }
}
