import { z } from 'zod';

/**
 * `configs/tenants.yaml` (optional): who pays for language-model tokens. A channel listed under a tenant is charged
 * to it; any other channel is its own tenant; a direct message belongs to the asker's personal tenant.
 */

const tokens = z.number().int().positive();

export const budgetLimitsSchema = z
  .object({
    tokensPerDay: tokens.default(200_000),
    tokensPerMonth: tokens.default(3_000_000),
    tokensPerRequest: tokens.default(60_000),
  })
  .strict();

export type BudgetLimits = z.infer<typeof budgetLimitsSchema>;

const tenantSchema = z
  .object({
    /** Channel keys `<platform>:<workspace>:<channel>`, e.g. `slack:T123:C0FIN`. */
    channels: z.array(z.string().regex(/^[a-z]+:[^:]+:.+$/, 'a channel looks like <platform>:<workspace>:<channel>, e.g. slack:T123:C0FIN')).default([]),
    tokensPerDay: tokens.optional(),
    tokensPerMonth: tokens.optional(),
    tokensPerRequest: tokens.optional(),
  })
  .strict();

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const tenantsFileSchema = z
  .object({
    /** Where "midnight" and "the first of the month" are, for period resets. */
    timezone: z.string().refine(isTimeZone, 'not a time zone: use an IANA name such as UTC or Europe/Lisbon').default('UTC'),
    defaults: budgetLimitsSchema.default(() => budgetLimitsSchema.parse({})),
    tenants: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a tenant name is letters, digits, _ . -'), tenantSchema).default({}),
  })
  .strict()
  .superRefine((file, context) => {
    const owner = new Map<string, string>();
    for (const [name, tenant] of Object.entries(file.tenants)) {
      for (const [index, channel] of tenant.channels.entries()) {
        const other = owner.get(channel);
        if (other) context.addIssue({ code: 'custom', path: ['tenants', name, 'channels', index], message: `${channel} is already charged to tenant "${other}"` });
        owner.set(channel, name);
      }
    }
  });

export type TenantsFile = z.infer<typeof tenantsFileSchema>;

export const defaultTenants: TenantsFile = tenantsFileSchema.parse({});
