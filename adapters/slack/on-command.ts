import { randomUUID } from 'node:crypto';
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { Reply } from '../../src/index.ts';
import { askInThread } from './ask-in-thread.ts';
import { commandFollowUp } from './command-follow-up.ts';
import { answerMessage } from './blocks/answer-blocks.ts';
import { noticeMessage } from './blocks/message-blocks.ts';
import { cut, escapeText } from './blocks/mrkdwn.ts';
import { replyMessage } from './post-reply.ts';
import { COMMAND_WORDS, type SlackDeps } from './slack-deps.ts';
import { NOT_IN_CHANNEL_CODES } from './slack-poster.ts';
import { isDirectChannel, questionText, slackActor, slackPlace } from './slack-identity.ts';

/**
 * `/sql-eval <question>` and its sub-commands. Acknowledged at once (an ephemeral "Working on it…"); a question is
 * then posted to the channel as a new message that starts a thread, updated as the stages pass and replaced by the
 * preview or answer. Where the bot is not in the channel, the reply comes as an ephemeral message with a hint to
 * invite it. Sub-commands (`help`, `whoami`, `verify`, and those later issues add) go through `Assistant.command`
 * and are answered to the user alone.
 */

export function registerCommandListener(app: App, deps: SlackDeps, commandName: string): void {
  app.command(commandName, async ({ command, ack, respond }) => {
    const text = questionText(command.text ?? '', undefined);
    const word = text.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (text === '' || COMMAND_WORDS.has(word)) {
      await ack();
      deps.tasks.run(`command ${word || 'help'}`, () => runSubCommand(deps, command, text === '' ? 'help' : text, respond));
      return;
    }
    await ack({ response_type: 'ephemeral', text: 'Working on it…' });
    deps.tasks.run('slash question', () => askFromCommand(deps, command, text, respond));
  });
}

async function runSubCommand(deps: SlackDeps, command: SlashCommand, text: string, respond: RespondFn): Promise<void> {
  const actor = slackActor(command.team_id, command.user_id, await deps.poster.profile(command.user_id));
  const place = slackPlace(command.channel_id, undefined, isDirectChannel(command.channel_id, command.channel_name));
  const reply = await deps.assistant.command(text, actor, place, { followUp: commandFollowUp(deps, command.channel_id, command.user_id, respond) });
  await respondEphemeral(deps, respond, reply.kind === 'answer' ? answerMessage({ table: reply.table, hiddenColumns: reply.hiddenColumns, rowPolicies: reply.rowPolicies, lane: reply.lane }) : replyMessage(reply, { previewExpiresAt: deps.now() + deps.previewTtlMs }));
}

async function askFromCommand(deps: SlackDeps, command: SlashCommand, text: string, respond: RespondFn): Promise<void> {
  const { poster } = deps;
  const actor = slackActor(command.team_id, command.user_id, await poster.profile(command.user_id));
  const isDirect = isDirectChannel(command.channel_id, command.channel_name);
  const askedBy = { userId: command.user_id, question: text };
  const intro = `<@${command.user_id}> asked: *${escapeText(cut(text, 500))}*`;
  const working = await poster.postMessage(
    { channel: command.channel_id },
    { text: `${intro} (working on it…)`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: intro } }, { type: 'context', elements: [{ type: 'mrkdwn', text: ':hourglass_flowing_sand: Working on it…' }] }] },
  );
  if (working.ok) {
    await askInThread(deps, {
      text,
      actor,
      place: slackPlace(command.channel_id, working.value.ts, isDirect),
      requestId: `slack:command:${randomUUID()}`,
      target: { channel: command.channel_id, threadTs: working.value.ts },
      replaceTs: working.value.ts,
      askedBy,
    });
    return;
  }
  // The bot cannot post here: answer the asker alone, and say how to get answers in the channel.
  const reply = await deps.assistant.ask({ text, actor, place: slackPlace(command.channel_id, undefined, isDirect), requestId: `slack:command:${randomUUID()}` });
  const hint = NOT_IN_CHANNEL_CODES.has(working.code)
    ? 'I am not a member of this channel, so only you see this. Invite me (`/invite @sql-eval`) to get answers in the channel, with CSV files and charts.'
    : 'I could not post in this channel, so only you see this.';
  const message = ephemeralReply(reply, deps, askedBy);
  await respondEphemeral(deps, respond, { blocks: [...message.blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: hint }] }], text: message.text });
}

function ephemeralReply(reply: Reply, deps: SlackDeps, askedBy: { userId: string; question: string }) {
  if (reply.kind === 'answer') {
    return answerMessage({ table: reply.table, sql: reply.sql, hiddenColumns: reply.hiddenColumns, rowPolicies: reply.rowPolicies, lane: reply.lane, elapsedMs: reply.elapsedMs, intro: `You asked: *${escapeText(cut(askedBy.question, 500))}*` });
  }
  return replyMessage(reply, { previewExpiresAt: deps.now() + deps.previewTtlMs, askedBy });
}

async function respondEphemeral(deps: SlackDeps, respond: RespondFn, message: { blocks: ReturnType<typeof noticeMessage>['blocks']; text: string }): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, blocks: message.blocks, text: message.text });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not answer through the response URL');
  }
}
