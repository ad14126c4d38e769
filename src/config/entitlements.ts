import { z } from 'zod';

/** `configs/entitlements.yaml`: who may see which personal data, and who administers the bot. */

const entitlementPattern = /^pii:(\*|[A-Za-z0-9_$]+\.(\*|[A-Za-z0-9_$]+))$/;

export const entitlementSchema = z
  .string()
  .regex(entitlementPattern, 'an entitlement looks like pii:<table>.<column>, pii:<table>.* or pii:*');

/** An attribute's name, as a filter writes it after a colon: `region = :region`. */
export const attributeNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

const attributeValueSchema = z.union([z.string(), z.number().finite(), z.boolean()]);

/**
 * An asker's attributes, bound into row filters as literals: one value, or several (a filter then holds for any of
 * them: `country = :country` with `[PT, ES]` keeps the rows of either).
 */
export const attributesSchema = z.record(
  z.string().regex(attributeNamePattern, 'an attribute name is a letter or _ followed by letters, digits or _'),
  z.union([attributeValueSchema, z.array(attributeValueSchema).min(1, 'give at least one value')]),
);
export type Attributes = z.infer<typeof attributesSchema>;
export type AttributeValue = z.infer<typeof attributeValueSchema>;

/**
 * Row filters: a boolean SQL expression over the table's own columns per table (`orders` or `sales.orders`), with
 * attributes as `:name`. A table may name its datasource (`warehouse:orders`): the filter then applies only to that
 * datasource; an unqualified table must exist in every datasource the file is used with. Parsed and checked against
 * the catalog at start-up (governance/row-filters).
 */
export const rowFiltersSchema = z.record(
  z.string().regex(/^([^:\s]+:)?[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+)?$/, 'a table looks like <table>, <schema>.<table> or <datasource>:<table>'),
  z.string().trim().min(1, 'a row filter is a boolean SQL expression, e.g. "region = :region"').max(2_000, 'a row filter is at most 2000 characters'),
);
export type RowFilters = z.infer<typeof rowFiltersSchema>;

export const entitlementsFileSchema = z
  .object({
    /** User ids (as the platform gives them, or `<platform>:<id>`) allowed to grant, revoke and run evals. */
    admins: z.array(z.string().min(1)).default([]),
    groups: z
      .record(
        z.string(),
        z
          .object({
            members: z.array(z.string().min(1)).default([]),
            entitlements: z.array(entitlementSchema).default([]),
            /** The group's attributes, bound into its own row filters before its members' attributes. */
            attributes: attributesSchema.optional(),
            rowFilters: rowFiltersSchema.optional(),
          })
          .strict(),
      )
      .default({}),
    users: z.record(z.string(), z.array(entitlementSchema)).default({}),
    /** Attributes per user (keyed like `users`), bound into row filters: `slack:T123:U222: { region: EMEA }`. */
    attributes: z.record(z.string().min(1), attributesSchema).optional(),
    /** Row filters per user (keyed like `users`). A user in several groups sees the union (OR) of their filters. */
    rowFilters: z.record(z.string().min(1), rowFiltersSchema).optional(),
    /** Row filters for everyone without a user or group filter on that table: `employees: "false"` hides it. */
    defaultRowFilters: rowFiltersSchema.optional(),
    /**
     * Channels (`slack:T123:C0HR`) whose members are all entitled: answers with personal data are posted in their
     * threads. Anywhere else that is shared, such answers go privately to whoever ran them.
     */
    restrictedChannels: z.array(z.string().regex(/^[a-z]+:[^:]+:.+$/, 'a channel looks like <platform>:<workspace>:<channel>, e.g. slack:T123:C0HR')).default([]),
  })
  .strict();

export type EntitlementsFile = z.infer<typeof entitlementsFileSchema>;

export const emptyEntitlements: EntitlementsFile = { admins: [], groups: {}, users: {}, restrictedChannels: [] };
