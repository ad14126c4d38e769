import type { ChatGrant } from '../../ports/grant-store.ts';

/** Chat grants as plain data, keyed by `[grantee, entitlement]`; the memory and lowdb providers share these. */

export type GrantDocument = Map<string, ChatGrant>;

const grantKey = (grantee: string, entitlement: string) => JSON.stringify([grantee, entitlement]);

export function saveGrantIn(document: GrantDocument, grant: ChatGrant): void {
  document.set(grantKey(grant.grantee, grant.entitlement), structuredClone(grant));
}

export function revokeGrantIn(document: GrantDocument, grantee: string, entitlement: string): boolean {
  return document.delete(grantKey(grantee, entitlement));
}

export function listGrantsIn(document: GrantDocument, grantees: string[], now: number): ChatGrant[] {
  for (const [key, grant] of document) if (grant.expiresAt !== null && grant.expiresAt <= now) document.delete(key);
  return structuredClone([...document.values()].filter((grant) => grantees.includes(grant.grantee)));
}
