import type { BudgetLimits, TenantsFile } from '../config/tenants.ts';
import { channelKey, type Actor, type Place } from '../vocabulary/actor.ts';

/** Which tenant pays for a question's tokens, and its limits. */

export interface Tenant {
  /** `finance` for a configured tenant; `channel:slack:T123:C0ABC` or `user:slack:T123:U456` otherwise. */
  id: string;
  limits: BudgetLimits;
}

export function tenantFor(actor: Actor, place: Place, file: TenantsFile): Tenant {
  // The eval runner charges its own tenant.
  if (place.platform === 'eval') return namedTenant('eval', file);
  const channel = channelKey(actor, place);
  const configured = Object.entries(file.tenants).find(([, tenant]) => tenant.channels.includes(channel));
  if (configured) return namedTenant(configured[0], file);
  const id = place.isDirect ? `user:${actor.platform}:${actor.workspaceId}:${actor.userId}` : `channel:${channel}`;
  return { id, limits: file.defaults };
}

/** A tenant named on the command line (`--tenant`): its configured limits, or the defaults. */
export function namedTenant(name: string, file: TenantsFile): Tenant {
  const tenant = file.tenants[name];
  if (!tenant) return { id: name, limits: file.defaults };
  return {
    id: name,
    limits: {
      tokensPerDay: tenant.tokensPerDay ?? file.defaults.tokensPerDay,
      tokensPerMonth: tenant.tokensPerMonth ?? file.defaults.tokensPerMonth,
      tokensPerRequest: tenant.tokensPerRequest ?? file.defaults.tokensPerRequest,
    },
  };
}
