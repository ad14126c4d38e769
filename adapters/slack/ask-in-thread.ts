import type { Actor, Place, ProgressStatus, Reply } from '../../src/index.ts';
import { postReply, type PostedReply } from './post-reply.ts';
import type { SlackDeps } from './slack-deps.ts';
import type { MessageTarget } from './slack-poster.ts';

/**
 * One question, from Slack to a reply in its thread: a reaction on the question while it is worked on (⏳, then ✅,
 * 👀 for a preview waiting for Run, ⛔ for a refusal, ⚠️ for a failure), or, for the slash command, its
 * "Working on it…" message updated as the stages pass and finally replaced by the reply.
 */

export interface AskInThreadInput {
  text: string;
  actor: Actor;
  place: Place;
  requestId: string;
  target: MessageTarget;
  /** The message to react to (the question), for mentions and direct messages. */
  reactTo?: { channel: string; ts: string } | undefined;
  /** The slash command's "Working on it…" message, updated with progress and then with the reply. */
  replaceTs?: string | undefined;
  askedBy?: { userId: string; question: string } | undefined;
}

const WORKING = 'hourglass_flowing_sand';

export async function askInThread(deps: SlackDeps, input: AskInThreadInput): Promise<{ reply: Reply; posted: PostedReply }> {
  const { poster } = deps;
  if (input.reactTo) await poster.react(input.reactTo.channel, input.reactTo.ts, WORKING);
  let progressUpdates: Promise<unknown> = Promise.resolve();
  let finished = false;
  const onProgress = (status: ProgressStatus) => {
    const words = progressWords[status];
    if (!input.replaceTs || !words || finished) return;
    const replaceTs = input.replaceTs;
    progressUpdates = progressUpdates.then(() => (finished ? undefined : poster.update(input.target.channel, replaceTs, { text: words, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `:hourglass_flowing_sand: ${words}` }] }] })));
  };
  const reply = await deps.assistant.ask({ text: input.text, actor: input.actor, place: input.place, requestId: input.requestId }, { onProgress });
  finished = true;
  await progressUpdates;
  const posted = await postReply(poster, deps.logger, input.target, reply, {
    replaceTs: input.replaceTs,
    previewExpiresAt: deps.now() + deps.previewTtlMs,
    askedBy: input.askedBy,
    showSql: true,
    viewerUserId: input.actor.userId,
  });
  if (input.reactTo) {
    await poster.unreact(input.reactTo.channel, input.reactTo.ts, WORKING);
    await poster.react(input.reactTo.channel, input.reactTo.ts, outcomeReaction(reply));
  }
  return { reply, posted };
}

const progressWords: Partial<Record<ProgressStatus, string>> = {
  routing: 'Working on it… reading the question',
  planning: 'Working on it… writing the SQL',
  validating: 'Working on it… checking the SQL against the policies',
  executing: 'Working on it… running the query',
};

function outcomeReaction(reply: Reply): string {
  switch (reply.kind) {
    case 'answer':
      return 'white_check_mark';
    case 'preview':
      return 'eyes';
    case 'refusal':
      return 'no_entry';
    case 'failure':
      return 'warning';
    default:
      return 'speech_balloon';
  }
}
