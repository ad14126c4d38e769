import type { Actor } from '../vocabulary/index.ts';
import type { EntitlementsFile } from '../config/entitlements.ts';

/** What an asker may see: a set of `pii:<table>.<column>` grants, with `pii:<table>.*` and `pii:*` wildcards. */

export type Entitlements = ReadonlySet<string>;

export function entitlementsFor(actor: Actor, file: EntitlementsFile): Entitlements {
  const keys = [actor.userId, `${actor.platform}:${actor.userId}`];
  const grants = new Set<string>();
  for (const key of keys) for (const grant of file.users[key] ?? []) grants.add(grant);
  for (const group of Object.values(file.groups)) {
    if (group.members.some((member) => keys.includes(member))) for (const grant of group.entitlements) grants.add(grant);
  }
  return grants;
}

export function isAdmin(actor: Actor, file: EntitlementsFile): boolean {
  return file.admins.includes(actor.userId) || file.admins.includes(`${actor.platform}:${actor.userId}`);
}

export function mayReadPii(entitlements: Entitlements, table: string, column: string): boolean {
  return entitlements.has('pii:*') || entitlements.has(`pii:${table}.*`) || entitlements.has(`pii:${table}.${column}`);
}

export function requiredEntitlement(table: string, column: string): string {
  return `pii:${table}.${column}`;
}
