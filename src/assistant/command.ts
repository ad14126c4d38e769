import { budgetReport, describeBudget } from '../budget/describe-budget.ts';
import { periodsAt } from '../budget/periods.ts';
import { tenantFor } from '../budget/tenant.ts';
import type { ResolvedEntitlement } from '../governance/entitlements.ts';
import { parseGrant } from '../governance/parse-grant.ts';
import { actorKey, type Actor, type Place } from '../vocabulary/actor.ts';
import { notice, type Reply } from '../vocabulary/reply.ts';
import { threadKey } from './conversation-memory.ts';
import type { CommandOptions } from './assistant.ts';
import { evaluate } from './evaluate.ts';
import type { FlowContext } from './flow-context.ts';

/** The command flow: `/sql-eval <sub-command>`, the same set on every surface. */

const help = [
  'Ask a data question in plain words, for example: "How many orders were placed in 2024?"',
  'I show the SQL I would run; press Run to execute it (read-only, with a row limit and a timeout).',
  'Commands: `help` (this text), `whoami` (who I think you are and what you can see), `budget` (the tokens this channel has used and has left),',
  '`verify` (admins: mark the last answer in this thread correct, so questions of the same shape are answered from it without a language model),',
  '`grant @someone pii:<table>.<column> [for 7d]` and `revoke @someone pii:<table>.<column>` (admins: who may see personal data; also `attribute:<name>=<value>` for row policies),',
  '`eval [suite]` (admins: run an evaluation suite, `golden` by default, in the background and post its scorecard and report).',
].join('\n');

export async function command(text: string, actor: Actor, place: Place, options: CommandOptions, context: FlowContext): Promise<Reply> {
  const words = text.trim().split(/\s+/).filter((word) => word.length > 0);
  const [name = 'help'] = words;
  const requestId = `command:${context.now()}`;
  switch (name.toLowerCase()) {
    case 'help':
      return notice(requestId, 'none', help);
    case 'whoami':
      return notice(requestId, 'none', await whoami(actor, place, context));
    case 'grant':
    case 'revoke':
      return notice(requestId, 'none', await grantOrRevoke(name.toLowerCase() as 'grant' | 'revoke', words.slice(1), actor, context));
    case 'budget':
      return notice(requestId, 'none', await budget(actor, place, context));
    case 'eval':
      return evaluate(words[1], actor, place, options.followUp, requestId, context);
    case 'verify':
      if (!context.isAdmin(actor)) return notice(requestId, 'none', 'Only admins (configs/entitlements.yaml: admins) can mark answers correct.');
      return notice(requestId, 'none', await verifyLastAnswer(actor, place, context));
    default:
      return notice(requestId, 'none', `Unknown command "${name}". ${help}`);
  }
}

async function whoami(actor: Actor, place: Place, context: FlowContext): Promise<string> {
  const { config } = context;
  const entitlements = await context.resolvedEntitlementsOf(actor);
  const rowPolicies = [...(await context.accessOf(actor)).rowFilters.tables.values()].flatMap((table) => table.policies);
  return [
    `You are ${actor.displayName ?? actor.userId}: ${actorKey(actor)}${actor.email ? `, ${actor.email}` : ''} (workspace ${actor.workspaceId})${context.isAdmin(actor) ? ', an admin' : ''}.`,
    `This ${place.isDirect ? 'direct conversation' : `channel (${place.channelId})`} asks the datasource "${config.datasource.name}", whose today is ${config.today}.`,
    entitlements.length > 0
      ? `You may see this personal data:\n${entitlements.map((entry) => `• ${entry.entitlement} (${describeSource(entry.source, context.now())})`).join('\n')}`
      : 'You may not see personal data (columns tagged pii in the semantic model).',
    rowPolicies.length > 0 ? `Your rows are limited by row policies:\n${rowPolicies.map((policy) => `• ${policy}`).join('\n')}` : 'No row policy limits the rows you see.',
    config.languageModel !== null ? 'A language model is configured.' : `No language model is configured. ${context.setup.howToConfigure}`,
  ].join('\n');
}

function describeSource(source: ResolvedEntitlement['source'], now: number): string {
  switch (source.kind) {
    case 'user':
      return `entitlements.yaml, users: ${source.key}`;
    case 'group':
      return `entitlements.yaml, group ${source.group} as ${source.key}`;
    case 'grant': {
      const expiry = source.expiresAt === null ? 'until revoked' : `until ${new Date(source.expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      return `granted in chat by ${source.grantedBy} on ${new Date(source.grantedAt).toISOString().slice(0, 10)}, ${source.expiresAt !== null && source.expiresAt <= now ? 'expired' : expiry}`;
    }
  }
}

/** Admins grant and revoke entitlements in chat; the change applies from the next request. */
async function grantOrRevoke(verb: 'grant' | 'revoke', words: string[], actor: Actor, context: FlowContext): Promise<string> {
  if (!context.isAdmin(actor)) return `Only admins (configs/entitlements.yaml: admins) can ${verb} entitlements.`;
  const grants = context.config.grants;
  if (!grants) return 'Chat grants are not kept here: entitlements come from configs/entitlements.yaml only.';
  const parsed = parseGrant(words, actor, verb === 'grant');
  if (!parsed.ok) return parsed.problem;
  if (verb === 'revoke') {
    const removed = await grants.revokeGrant(parsed.grantee, parsed.entitlement);
    if (removed) await context.audit.note('revoked', { requestId: `command:${context.now()}`, actor }, { detail: `${parsed.entitlement} from ${parsed.grantee}` });
    return removed ? `Revoked ${parsed.entitlement} from ${parsed.grantee}, from their next request on.` : `${parsed.grantee} had no chat grant of ${parsed.entitlement} (grants in configs/entitlements.yaml are changed there).`;
  }
  const grantedAt = context.now();
  const expiresAt = parsed.durationMs === null ? null : grantedAt + parsed.durationMs;
  await grants.saveGrant({ grantee: parsed.grantee, entitlement: parsed.entitlement, grantedBy: actorKey(actor), grantedAt, expiresAt });
  await context.audit.note('granted', { requestId: `command:${grantedAt}`, actor }, { detail: `${parsed.entitlement} to ${parsed.grantee}${expiresAt === null ? '' : ` until ${new Date(expiresAt).toISOString()}`}` });
  return `Granted ${parsed.entitlement} to ${parsed.grantee}${expiresAt === null ? ' until revoked' : ` until ${new Date(expiresAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`}, from their next request on.`;
}

/** The token budget of the tenant this place is charged to. */
async function budget(actor: Actor, place: Place, context: FlowContext): Promise<string> {
  const settings = context.config.budget;
  if (!settings) return 'Token budgets are not kept here: every question may use up to limits.maxRequestTokens tokens, and nothing is charged.';
  const tenant = tenantFor(actor, place, settings.tenants);
  const periods = periodsAt(context.now(), settings.tenants.timezone);
  const usage = await settings.ledger.budgetUsage(tenant.id, periods.day, periods.month);
  return describeBudget(budgetReport(tenant, usage, periods), context.now());
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
