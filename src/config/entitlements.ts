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
  })
  .strict();

export type EntitlementsFile = z.infer<typeof entitlementsFileSchema>;

export const emptyEntitlements: EntitlementsFile = { admins: [], groups: {}, users: {} };
