import { z } from 'zod';

/** `configs/entitlements.yaml`: who may see which personal data, and who administers the bot. */

const entitlementPattern = /^pii:(\*|[A-Za-z0-9_$]+\.(\*|[A-Za-z0-9_$]+))$/;

export const entitlementSchema = z
  .string()
  .regex(entitlementPattern, 'an entitlement looks like pii:<table>.<column>, pii:<table>.* or pii:*');

export const entitlementsFileSchema = z
  .object({
    /** User ids (as the platform gives them, or `<platform>:<id>`) allowed to grant, revoke and run evals. */
    admins: z.array(z.string().min(1)).default([]),
    groups: z
      .record(
        z.string(),
        z.object({ members: z.array(z.string().min(1)).default([]), entitlements: z.array(entitlementSchema).default([]) }).strict(),
      )
      .default({}),
    users: z.record(z.string(), z.array(entitlementSchema)).default({}),
    /**
     * Channels (`slack:T123:C0HR`) whose members are all entitled: answers with personal data are posted in their
     * threads. Anywhere else that is shared, such answers go privately to whoever ran them.
     */
    restrictedChannels: z.array(z.string().regex(/^[a-z]+:[^:]+:.+$/, 'a channel looks like <platform>:<workspace>:<channel>, e.g. slack:T123:C0HR')).default([]),
  })
  .strict();

export type EntitlementsFile = z.infer<typeof entitlementsFileSchema>;

export const emptyEntitlements: EntitlementsFile = { admins: [], groups: {}, users: {}, restrictedChannels: [] };
