import { z } from 'zod';
import type { TeamsAuth } from './create-teams-app.ts';

/**
 * The Teams settings, from the environment `serve` passes in (this module reads no variable itself): the Azure bot's
 * app registration (MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE) and
 * PUBLIC_URL for download links. A client id without a secret would make the SDK silently use a managed identity:
 * that is refused unless MICROSOFT_APP_TYPE=UserAssignedMSI asks for it.
 */

const environmentSchema = z.object({
  MICROSOFT_APP_ID: z.string().trim().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().trim().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().trim().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'MICROSOFT_APP_TYPE must be SingleTenant, MultiTenant or UserAssignedMSI' }).optional(),
  PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be the https:// address Teams reaches this server at' }).optional(),
});

export type TeamsSettings =
  | { kind: 'none' }
  | { kind: 'configured'; auth: TeamsAuth; publicUrl: string | undefined }
  | { kind: 'invalid'; problem: string };

export const TEAMS_VARIABLES = 'MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (with MICROSOFT_APP_TENANT_ID for a single-tenant app)';

export function readTeamsSettings(environment: Record<string, string | undefined>, insecureNoAuth: boolean): TeamsSettings {
  const parsed = environmentSchema.safeParse(Object.fromEntries(Object.entries(environment).filter(([key, value]) => key in environmentSchema.shape && value !== undefined && value.trim() !== '')));
  if (!parsed.success) return { kind: 'invalid', problem: parsed.error.issues.map((issue) => issue.message).join('; ') };
  const { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: appPassword, MICROSOFT_APP_TENANT_ID: tenantId, MICROSOFT_APP_TYPE: appType, PUBLIC_URL: publicUrl } = parsed.data;
  if (!appId && !appPassword && !tenantId && !appType) {
    return insecureNoAuth ? { kind: 'configured', auth: { kind: 'insecure-no-auth' }, publicUrl } : { kind: 'none' };
  }
  if (insecureNoAuth) return { kind: 'invalid', problem: '--insecure-no-auth is for running Teams without credentials, but MICROSOFT_APP_* variables are set: drop the flag, or unset them.' };
  if (!appId) return { kind: 'invalid', problem: 'MICROSOFT_APP_ID is not set: set the Microsoft App ID of the Azure bot (its app registration\'s client id).' };
  if (appType === 'UserAssignedMSI') {
    if (appPassword) return { kind: 'invalid', problem: 'MICROSOFT_APP_TYPE=UserAssignedMSI uses a managed identity, but MICROSOFT_APP_PASSWORD is set: unset it, or choose SingleTenant.' };
    return { kind: 'configured', auth: { kind: 'managed-identity', appId, tenantId }, publicUrl };
  }
  if (!appPassword) {
    return {
      kind: 'invalid',
      problem: 'MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not: set the client secret of the bot\'s app registration (Certificates & secrets), or MICROSOFT_APP_TYPE=UserAssignedMSI if the bot really runs as a managed identity.',
    };
  }
  if (appType === 'SingleTenant' && !tenantId) return { kind: 'invalid', problem: 'MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID: the directory (tenant) id of the app registration.' };
  return { kind: 'configured', auth: { kind: 'client-secret', appId, appPassword, tenantId }, publicUrl };
}
