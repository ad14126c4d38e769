import type { TeamsActivity } from './teams-activity.ts';
import { mentionsOf, questionText, tenantOf } from './teams-activity.ts';
import type { MemberInfo } from './teams-connector.ts';

/**
 * Sub-commands, the same set as Slack's `/sql-eval`: typed as `sql-eval <command>`, picked from the bot's command list
 * (which sends the command's title), or written after a mention. A person mentioned in the command (`grant @Ana
 * pii:customers.email`) becomes their identity, `teams:<tenant>:<aad object id>`.
 */

export const COMMAND_WORDS = new Set(['help', 'whoami', 'verify', 'budget', 'eval', 'grant', 'revoke']);
/** Words that are a command only with what follows them; a lone `help` or `whoami` is a command too. */
const COMMANDS_WITH_ARGUMENTS = new Set(['grant', 'revoke', 'eval', 'budget']);

const prefix = /^\/?sql-eval\b\s*/i;

/** The command text (`help`, `grant @Ana pii:…`) when the message is a command, undefined when it is a question. */
export function commandOf(activity: TeamsActivity): string | undefined {
  const text = questionText(activity);
  const prefixed = prefix.test(text);
  const rest = text.replace(prefix, '').trim();
  if (prefixed && rest === '') return 'help';
  const [word = '', ...others] = rest.split(/\s+/);
  const name = word.toLowerCase();
  if (!COMMAND_WORDS.has(name)) return undefined;
  if (prefixed || others.length === 0 || COMMANDS_WITH_ARGUMENTS.has(name)) return rest;
  return undefined;
}

/**
 * The command with each mentioned person as an identity the core understands. A mention without an Entra object id is
 * looked up with the connector; one that cannot be resolved stays `@Name`, which `grant` then refuses with its usage.
 */
export async function resolveMentions(activity: TeamsActivity, command: string, lookup: (userId: string) => Promise<MemberInfo | undefined>): Promise<string> {
  let resolved = command;
  for (const mention of mentionsOf(activity)) {
    if (mention.id === activity.recipient.id) continue;
    const objectId = mention.aadObjectId ?? (await lookup(mention.id))?.aadObjectId;
    if (!objectId) continue;
    resolved = resolved.split(`@${mention.name ?? 'someone'}`).join(`teams:${tenantOf(activity)}:${objectId}`);
  }
  return resolved;
}
