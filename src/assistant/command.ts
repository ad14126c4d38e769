import { actorKey, type Actor, type Place } from '../vocabulary/actor.ts';
import { notice, type Reply } from '../vocabulary/reply.ts';
import { threadKey } from './conversation-memory.ts';
import type { FlowContext } from './flow-context.ts';

/** The command flow: `/sql-eval <sub-command>`, the same set on every surface. */

const help = [
  'Ask a data question in plain words, for example: "How many orders were placed in 2024?"',
  'I show the SQL I would run; press Run to execute it (read-only, with a row limit and a timeout).',
  'Commands: `help` (this text), `whoami` (who I think you are and what you can see),',
  '`verify` (admins: mark the last answer in this thread correct, so questions of the same shape are answered from it without a language model).',
].join('\n');

export async function command(text: string, actor: Actor, place: Place, context: FlowContext): Promise<Reply> {
  const [name = 'help'] = text.trim().split(/\s+/).filter((word) => word.length > 0);
  const requestId = `command:${context.now()}`;
  switch (name.toLowerCase()) {
    case 'help':
      return notice(requestId, 'none', help);
    case 'whoami':
      return notice(requestId, 'none', whoami(actor, place, context));
    case 'verify':
      if (!context.isAdmin(actor)) return notice(requestId, 'none', 'Only admins (configs/entitlements.yaml: admins) can mark answers correct.');
      return notice(requestId, 'none', await verifyLastAnswer(actor, place, context));
    default:
      return notice(requestId, 'none', `Unknown command "${name}". ${help}`);
  }
}

function whoami(actor: Actor, place: Place, context: FlowContext): string {
  const { config } = context;
  const entitlements = [...context.entitlementsOf(actor)];
  return [
    `You are ${actor.displayName ?? actor.userId} (${actor.platform} user ${actor.userId} in workspace ${actor.workspaceId}).`,
    `This ${place.isDirect ? 'direct conversation' : `channel (${place.channelId})`} asks the datasource "${config.datasource.name}", whose today is ${config.today}.`,
    entitlements.length > 0 ? `You may see this personal data: ${entitlements.join(', ')}.` : 'You may not see personal data (columns tagged pii in the semantic model).',
    config.languageModel !== null ? 'A language model is configured.' : `No language model is configured. ${context.setup.howToConfigure}`,
  ].join('\n');
}

/** Marks the last answer of this thread correct (a verified query); a sentence saying what happened. */
async function verifyLastAnswer(actor: Actor, place: Place, context: FlowContext): Promise<string> {
  const [last] = await context.state.recentTurns(threadKey(place), 1);
  if (!last) return 'There is no answer in this thread to mark correct yet.';
  const verifiedQueries = context.config.verifiedQueries;
  if (!verifiedQueries) return 'Verified queries are not kept for this datasource.';
  const stored = await verifiedQueries.remember(last.question, last.sql, actorKey(actor));
  return stored ? `Marked correct: "${last.question}". Questions of the same shape are now answered from it.` : `"${last.question}" has no words to match later questions on; nothing was stored.`;
}
