import { notice } from './replies.ts';
import type { Actor, Place, Reply } from './types.ts';

/** `/sql-eval <sub-command>`: the commands that work today. */

export interface CommandContext {
  datasource: string;
  today: string;
  hasLanguageModel: boolean;
  entitlements: string[];
  isAdmin: boolean;
  /** Marks the last answer of this thread correct (a verified query); a sentence saying what happened. */
  verifyLastAnswer: () => Promise<string>;
}

const help = [
  'Ask a data question in plain words, for example: "How many orders were placed in 2024?"',
  'I show the SQL I would run; press Run to execute it (read-only, with a row limit and a timeout).',
  'Commands: `help` (this text), `whoami` (who I think you are and what you can see),',
  '`verify` (admins: mark the last answer in this thread correct, so questions of the same shape are answered from it without a language model).',
].join('\n');

export async function runCommand(text: string, actor: Actor, place: Place, context: CommandContext): Promise<Reply> {
  const [name = 'help'] = text.trim().split(/\s+/).filter((word) => word.length > 0);
  const requestId = `command:${Date.now()}`;
  switch (name.toLowerCase()) {
    case 'help':
      return notice(requestId, 'none', help);
    case 'whoami':
      return notice(
        requestId,
        'none',
        [
          `You are ${actor.displayName ?? actor.userId} (${actor.platform} user ${actor.userId} in workspace ${actor.workspaceId}).`,
          `This ${place.isDirect ? 'direct conversation' : `channel (${place.channelId})`} asks the datasource "${context.datasource}", whose today is ${context.today}.`,
          context.entitlements.length > 0 ? `You may see this personal data: ${context.entitlements.join(', ')}.` : 'You may not see personal data (columns tagged pii in the semantic model).',
          context.hasLanguageModel ? 'A language model is configured.' : 'No language model is configured: set OPENAI_API_KEY to enable it.',
        ].join('\n'),
      );
    case 'verify':
      if (!context.isAdmin) return notice(requestId, 'none', 'Only admins (configs/entitlements.yaml: admins) can mark answers correct.');
      return notice(requestId, 'none', await context.verifyLastAnswer());
    default:
      return notice(requestId, 'none', `Unknown command "${name}". ${help}`);
  }
}
