import type { Actor, Place, ProgressStatus, Reply } from '../../src/index.ts';
import { postReply, type PostedReply } from './post-reply.ts';
import type { SlackDeps } from './slack-deps.ts';
import type { MessageTarget } from './slack-poster.ts';

/**
 * One question, from Slack to a reply in its thread: a reaction on the question while it is worked on (⏳ after a second, then ✅,
 * 👀 for a preview waiting for Run, ⛔ for a refusal, ⚠️ for a failure), or, for the slash command, its
 * "Working on it…" message updated as slow stages pass (at most once a second) and finally replaced by the reply.
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
  // ⏳ only for a question that takes a while: a quick answer gets its outcome reaction alone (fewer API calls).
  let working: Promise<unknown> | undefined;
  const reactTo = input.reactTo;
  const workingTimer = reactTo ? setTimeout(() => (working = poster.react(reactTo.channel, reactTo.ts, WORKING)), PROGRESS_FIRST_UPDATE_MS) : undefined;
  const progress = input.replaceTs ? progressMessage(deps, input.target.channel, input.replaceTs) : undefined;
  const reply = await deps.assistant.ask({ text: input.text, actor: input.actor, place: input.place, requestId: input.requestId }, { onProgress: progress?.onProgress });
  await progress?.finish();
  const posted = await postReply(poster, deps.logger, input.target, reply, {
    replaceTs: input.replaceTs,
    previewExpiresAt: deps.now() + deps.previewTtlMs,
    askedBy: input.askedBy,
    showSql: true,
    viewerUserId: input.actor.userId,
  });
  clearTimeout(workingTimer);
  if (reactTo) {
    if (working) {
      await working;
      await poster.unreact(reactTo.channel, reactTo.ts, WORKING);
    }
    await poster.react(reactTo.channel, reactTo.ts, outcomeReaction(reply));
  }
  return { reply, posted };
}

/** Progress shown in the "Working on it…" message: only once a stage has lasted a while, at most one update a second. */
export const PROGRESS_FIRST_UPDATE_MS = 1000;
export const PROGRESS_INTERVAL_MS = 1000;

function progressMessage(deps: SlackDeps, channel: string, ts: string): { onProgress: (status: ProgressStatus) => void; finish(): Promise<void> } {
  const started = deps.now();
  let lastUpdate = started - PROGRESS_INTERVAL_MS;
  let latest: string | undefined;
  let shown: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let updating: Promise<unknown> = Promise.resolve();
  let finished = false;
  const flush = () => {
    timer = undefined;
    if (finished || latest === undefined || latest === shown) return;
    const words = latest;
    shown = words;
    lastUpdate = deps.now();
    updating = updating.then(() => (finished ? undefined : deps.poster.update(channel, ts, { text: words, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: `:hourglass_flowing_sand: ${words}` }] }] })));
  };
  return {
    onProgress(status) {
      const words = progressWords[status];
      if (!words || finished) return;
      latest = words;
      if (timer) return;
      const due = Math.max(started + PROGRESS_FIRST_UPDATE_MS, lastUpdate + PROGRESS_INTERVAL_MS);
      timer = setTimeout(flush, Math.max(0, due - deps.now()));
    },
    async finish() {
      finished = true;
      if (timer) clearTimeout(timer);
      await updating;
    },
  };
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
