import { entitlementSchema, type EntitlementsFile } from '../config/entitlements.ts';
import type { ChatGrant } from '../ports/grant-store.ts';
import { actorKey, type Actor } from '../vocabulary/actor.ts';

/**
 * What an asker may see: `pii:<table>.<column>` grants, with `pii:<table>.*` and `pii:*` wildcards, from
 * `configs/entitlements.yaml` (users, groups, matched by identity, bare platform id or `email:<address>`) and from
 * chat grants. Resolved again for every request and at confirmation, for whoever clicks Run.
 */

export type Entitlements = ReadonlySet<string>;

export type EntitlementSource =
  | { kind: 'user'; key: string }
  | { kind: 'group'; group: string; key: string }
  | { kind: 'grant'; grantedBy: string; grantedAt: number; expiresAt: number | null };

export interface ResolvedEntitlement {
  entitlement: string;
  source: EntitlementSource;
}

/** The names a user may be listed under: identity, bare platform id, `<platform>:<id>` (older files), e-mail. */
export function identityKeys(actor: Actor): string[] {
  const keys = [actorKey(actor), actor.userId, `${actor.platform}:${actor.userId}`];
  if (actor.email) keys.push(`email:${actor.email.trim().toLowerCase()}`);
  return [...new Set(keys)];
}

/** Config keys compare as written, except `email:` ones, which compare without case. */
function normalizeKey(key: string): string {
  return key.toLowerCase().startsWith('email:') ? key.toLowerCase() : key;
}

/** The identity key (of `identityKeys`) that a key listed in the config file names, if any. */
export function matches(keys: string[], listed: string): string | undefined {
  const normalized = normalizeKey(listed);
  return keys.find((key) => key === normalized);
}

export function resolveEntitlements(actor: Actor, file: EntitlementsFile, grants: ChatGrant[] = []): ResolvedEntitlement[] {
  const keys = identityKeys(actor);
  const resolved: ResolvedEntitlement[] = [];
  for (const [listed, entitlements] of Object.entries(file.users)) {
    const key = matches(keys, listed);
    if (key) for (const entitlement of entitlements) resolved.push({ entitlement, source: { kind: 'user', key: listed } });
  }
  for (const [group, definition] of Object.entries(file.groups)) {
    const member = definition.members.find((listed) => matches(keys, listed));
    if (member) for (const entitlement of definition.entitlements) resolved.push({ entitlement, source: { kind: 'group', group, key: member } });
  }
  for (const grant of grants) {
    // Chat grants also carry attributes (`attribute:region=EMEA`), which are for row filters, not entitlements.
    if (keys.includes(grant.grantee) && entitlementSchema.safeParse(grant.entitlement).success) resolved.push({ entitlement: grant.entitlement, source: { kind: 'grant', grantedBy: grant.grantedBy, grantedAt: grant.grantedAt, expiresAt: grant.expiresAt } });
  }
  return resolved;
}

export function entitlementsFor(actor: Actor, file: EntitlementsFile, grants: ChatGrant[] = []): Entitlements {
  return new Set(resolveEntitlements(actor, file, grants).map((resolved) => resolved.entitlement));
}

export function isAdmin(actor: Actor, file: EntitlementsFile): boolean {
  const keys = identityKeys(actor);
  return file.admins.some((listed) => matches(keys, listed) !== undefined);
}

export function mayReadPii(entitlements: Entitlements, table: string, column: string): boolean {
  return entitlements.has('pii:*') || entitlements.has(`pii:${table}.*`) || entitlements.has(`pii:${table}.${column}`);
}

export function requiredEntitlement(table: string, column: string): string {
  return `pii:${table}.${column}`;
}
