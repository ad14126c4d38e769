import { entitlementSchema } from '../config/entitlements.ts';
import { parseAttributeGrant } from './row-filters/attribute-grant.ts';
import type { Actor } from '../vocabulary/actor.ts';

/**
 * `grant <who> <entitlement> [for <n>m|h|d]` and `revoke <who> <entitlement>`, the entitlement `pii:…` or an
 * attribute for row policies (`attribute:region=EMEA`, a value added to the person's); who is a Slack mention (`<@U123>`,
 * resolved in the admin's workspace), an identity (`slack:T1:U2`, `teams:<tenant>:<id>`, `cli:ana`), or an e-mail
 * (`ana@example.com` or `email:ana@example.com`).
 */

export type GrantCommand =
  | { ok: true; grantee: string; entitlement: string; durationMs: number | null }
  | { ok: false; problem: string };

const usage = 'Write it as `grant @someone pii:<table>.<column> [for 7d]` (also pii:<table>.* or pii:*, or attribute:<name>=<value> for row policies; for 30m, 12h or 7d), or `revoke @someone pii:<table>.<column>`.';

export function parseGrant(words: string[], admin: Actor, withDuration: boolean): GrantCommand {
  const [who, entitlement, forWord, duration, ...rest] = words;
  if (!who || !entitlement) return { ok: false, problem: `Whom and what is missing. ${usage}` };
  const grantee = parseGrantee(who, admin);
  if (!grantee) return { ok: false, problem: `"${who}" is not a person I can name: use a mention, an id such as slack:T123:U456, or an e-mail address. ${usage}` };
  if (!entitlementSchema.safeParse(entitlement).success && !parseAttributeGrant(entitlement)) return { ok: false, problem: `"${entitlement}" is not an entitlement. ${usage}` };
  if (forWord === undefined) return { ok: true, grantee, entitlement, durationMs: null };
  if (!withDuration || forWord.toLowerCase() !== 'for' || duration === undefined || rest.length > 0) return { ok: false, problem: `I did not understand "${words.slice(2).join(' ')}". ${usage}` };
  const match = /^(\d{1,4})(m|h|d)$/i.exec(duration);
  if (!match) return { ok: false, problem: `"${duration}" is not a duration such as 30m, 12h or 7d.` };
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] as string).toLowerCase() as 'm' | 'h' | 'd'];
  const durationMs = Number(match[1]) * unit;
  if (durationMs <= 0) return { ok: false, problem: 'A grant must last longer than zero.' };
  return { ok: true, grantee, entitlement, durationMs };
}

function parseGrantee(who: string, admin: Actor): string | null {
  // Slack sends `<@U123|name>`; the adapter may have already turned it into `@U123`.
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(who) ?? /^@([UW][A-Z0-9]+)$/.exec(who);
  if (mention) return admin.platform === 'slack' ? `slack:${admin.workspaceId}:${mention[1]}` : null;
  const email = /^(?:email:)?([^\s@:<>]+@[^\s@:<>]+\.[^\s@:<>]+)$/i.exec(who);
  if (email) return `email:${(email[1] as string).toLowerCase()}`;
  if (/^(slack|teams):[^:\s]+:[^\s]+$/.test(who) || /^(cli|console):[^:\s]+$/.test(who)) return who;
  return null;
}
