import type { ChatGrant } from '../../ports/grant-store.ts';

/** Chat grants as plain data, keyed by `grantKey`; the memory and lowdb providers share these. */

export type GrantDocument = Map<string, ChatGrant>;

export const grantKey = (grantee: string, entitlement: string) => JSON.stringify([grantee, entitlement]);

/** Saves a grant, dropping expired ones on the way. */
export function saveGrantIn(document: GrantDocument, grant: ChatGrant, now: number): void {
  for (const [key, existing] of document) if (existing.expiresAt !== null && existing.expiresAt <= now) document.delete(key);
  document.set(grantKey(grant.grantee, grant.entitlement), structuredClone(grant));
}

export function revokeGrantIn(document: GrantDocument, grantee: string, entitlement: string): boolean {
  return document.delete(grantKey(grantee, entitlement));
}

export function listGrantsIn(document: GrantDocument, grantees: string[], now: number): ChatGrant[] {
  const live = [...document.values()].filter((grant) => grantees.includes(grant.grantee) && (grant.expiresAt === null || grant.expiresAt > now));
  return structuredClone(live);
}
