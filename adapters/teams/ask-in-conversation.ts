import type { Actor } from '../../src/index.ts';
import { conversationOf, teamsActor, teamsPlace, type TeamsActivity } from './teams-activity.ts';
import type { ConversationRef } from './teams-connector.ts';
import type { TeamsDeps } from './teams-deps.ts';
import { postReply } from './post-reply.ts';

/**
 * One question, from a Teams message to its reply in the same conversation (a channel's reply chain): a typing
 * indicator while it is worked on (Teams shows one for a few seconds, so it is sent again every 3 seconds), then the
 * preview, the answer, or why not.
 */

const TYPING_EVERY_MS = 3_000;
const TYPING_AT_MOST_MS = 120_000;

export async function askInConversation(deps: TeamsDeps, activity: TeamsActivity, text: string, requestId: string): Promise<void> {
  const ref = conversationOf(activity);
  const typing = keepTyping(deps, ref);
  try {
    const actor = await actorOf(deps, activity);
    const place = teamsPlace(activity);
    const reply = await deps.assistant.ask({ text, actor, place, requestId });
    typing.stop();
    await postReply(deps, ref, reply, {
      askedBy: { name: actor.displayName ?? 'Someone', question: text },
      showSql: true,
      viewer: { id: activity.from.id, name: actor.displayName },
      isDirect: place.isDirect,
    });
  } finally {
    typing.stop();
  }
}

/** The asker as the core knows them; the member lookup (cached) gives the UPN and e-mail the activity lacks. */
export async function actorOf(deps: TeamsDeps, activity: TeamsActivity): Promise<Actor> {
  const { from } = activity;
  if ((from.email || from.userPrincipalName) && from.aadObjectId) return teamsActor(activity);
  return teamsActor(activity, await deps.connector.member(conversationOf(activity), from.id));
}

/** A typing indicator now and every 3 seconds (at most 2 minutes) until stopped. */
export function keepTyping(deps: TeamsDeps, ref: ConversationRef): { stop(): void } {
  const started = deps.now();
  void deps.connector.typing(ref);
  const timer = setInterval(() => {
    if (deps.now() - started > TYPING_AT_MOST_MS) return clearInterval(timer);
    void deps.connector.typing(ref);
  }, TYPING_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
