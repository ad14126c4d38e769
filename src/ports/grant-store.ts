import { z } from 'zod';

/** Entitlements an admin granted in chat (`/sql-eval grant @ana pii:customers.email for 7d`), kept in the StateStore. */

export const chatGrantSchema = z.object({
  /** Whom it is for: an identity (`slack:T1:U2`) or `email:<address>` in lower case. */
  grantee: z.string().min(1),
  entitlement: z.string().min(1),
  /** The admin's identity. */
  grantedBy: z.string().min(1),
  /** Epoch milliseconds. */
  grantedAt: z.number(),
  /** Epoch milliseconds; null for a grant that lasts until revoked. */
  expiresAt: z.number().nullable(),
});
export type ChatGrant = z.infer<typeof chatGrantSchema>;

export interface GrantStore {
  /** Saves a grant; one for the same grantee and entitlement is replaced. */
  saveGrant(grant: ChatGrant): Promise<void>;
  /** Removes the grant; false when there was none. */
  revokeGrant(grantee: string, entitlement: string): Promise<boolean>;
  /** The live (unexpired) grants of any of these grantees. */
  listGrants(grantees: string[]): Promise<ChatGrant[]>;
}
