import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App } from '@microsoft/teams.apps';
import type { Application } from 'express';
import { formatSql, loadChartRenderer, type Assistant, type EventClaimStore } from '../../src/index.ts';
import type { AdaptiveCard } from './cards/card-types.ts';
import { createDownloadLinks } from './download-links.ts';
import { createInFlight, type InFlight } from '../shared/in-flight.ts';
import { registerActivityHandlers } from './on-activity.ts';
import { createTeamsConnector, type RetryPolicy } from './teams-connector.ts';
import type { TeamsDeps } from './teams-deps.ts';
import { teamsHttpAdapter } from './teams-http-adapter.ts';
import { sdkLogger, type TeamsLogger } from './teams-logger.ts';

/**
 * The Teams app: the Teams SDK (`@microsoft/teams.apps`) with the adapter's handlers, its `POST /api/messages` mounted
 * on the express app of the one HTTP server. Every setting the SDK would otherwise read from the environment
 * (CLIENT_ID, CLIENT_SECRET, TENANT_ID, MANAGED_IDENTITY_CLIENT_ID, DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS,
 * SERVICE_URL, CLOUD) is passed explicitly, so only MICROSOFT_APP_* configure it.
 */

/** How the bot proves who it is to Teams, and how Teams' requests are checked. */
export type TeamsAuth =
  /** An app registration's client secret (MICROSOFT_APP_PASSWORD); single-tenant apps name their tenant. */
  | { kind: 'client-secret'; appId: string; appPassword: string; tenantId?: string | undefined }
  /** A user-assigned managed identity (MICROSOFT_APP_TYPE=UserAssignedMSI): no secret. */
  | { kind: 'managed-identity'; appId: string; tenantId?: string | undefined }
  /** Tokens from a provider of the caller's (a federated credential, or a local test's). */
  | { kind: 'token-provider'; appId: string; tenantId?: string | undefined; token: () => Promise<string> }
  /** No token checked on requests, none sent: `--insecure-no-auth`, for a local emulator only. */
  | { kind: 'insecure-no-auth' };

export interface TeamsAppOptions {
  assistant: Assistant;
  /** The StateStore's event claims, so a re-delivered activity is answered once across restarts and replicas. */
  claims: EventClaimStore;
  logger: TeamsLogger;
  auth: TeamsAuth;
  /** The express app of the server that serves `/api/messages` (and the download links). */
  expressApp: Application;
  /** Where Bot Framework's signing keys are published (a sovereign cloud, or a local test's keys). Default: public cloud. */
  cloud?: { openIdMetadataUrl?: string | undefined; tokenIssuer?: string | undefined } | undefined;
  /** The public HTTPS address of this server, for CSV download links; without it no link is offered. */
  publicUrl?: string | undefined;
  /** How long a preview can be run (must match the StateStore's). Default 15 minutes. */
  previewTtlMs?: number | undefined;
  retry?: RetryPolicy | undefined;
  now?: (() => number) | undefined;
}

export interface TeamsApp {
  app: App;
  inFlight: InFlight;
  /** Registers `POST /api/messages` and loads the SQL formatter and chart renderer, so no request waits for them. */
  start(): Promise<void>;
  /** Stops taking activities and waits up to `drainMs` for running work. */
  stop(drainMs: number): Promise<void>;
}

export const DEFAULT_PREVIEW_TTL_MS = 15 * 60 * 1000;
export const MESSAGING_ENDPOINT = '/api/messages';

export function createTeamsApp(options: TeamsAppOptions): TeamsApp {
  const { logger, auth } = options;
  const insecure = auth.kind === 'insecure-no-auth';
  const app = new App({
    ...credentialsOf(auth),
    dangerouslyAllowUnauthenticatedRequests: insecure,
    cloud: options.cloud ? withOverrides(PUBLIC, options.cloud) : PUBLIC,
    serviceUrl: 'https://smba.trafficmanager.net/teams',
    httpServerAdapter: teamsHttpAdapter(options.expressApp, logger, { insecureNoAuth: insecure }),
    messagingEndpoint: MESSAGING_ENDPOINT,
    logger: sdkLogger(logger) as never,
    client: { timeout: 15_000 },
  });
  const inFlight = createInFlight(logger, 'Teams');
  const deps: TeamsDeps = {
    assistant: options.assistant,
    connector: createTeamsConnector(app.api.http, logger, { retry: options.retry, now: options.now }),
    claims: options.claims,
    logger,
    tasks: inFlight,
    links: createDownloadLinks({ publicUrl: options.publicUrl, expressApp: options.expressApp, now: options.now }),
    previewCards: new Map<string, AdaptiveCard>(),
    previewTtlMs: options.previewTtlMs ?? DEFAULT_PREVIEW_TTL_MS,
    now: options.now ?? Date.now,
  };
  registerActivityHandlers(app, deps);
  app.event('error', ({ error }) => logger.error({ err: error }, 'Teams handler error'));
  return {
    app,
    inFlight,
    async start() {
      await app.initialize();
      if (insecure) logger.warn({ endpoint: MESSAGING_ENDPOINT }, 'INSECURE: Teams requests are accepted without a token (--insecure-no-auth). Never expose this server to the internet.');
      formatSql('SELECT 1');
      await loadChartRenderer();
    },
    async stop(drainMs) {
      const finished = await inFlight.drain(drainMs);
      if (!finished) logger.warn({ running: inFlight.size }, 'Teams work still running at shutdown');
    },
  };
}

function credentialsOf(auth: TeamsAuth): { clientId: string; clientSecret?: string; tenantId: string; token?: () => Promise<string>; managedIdentityClientId?: string } {
  switch (auth.kind) {
    case 'client-secret':
      return { clientId: auth.appId, clientSecret: auth.appPassword, tenantId: auth.tenantId ?? '' };
    case 'managed-identity':
      return { clientId: auth.appId, clientSecret: '', tenantId: auth.tenantId ?? '', managedIdentityClientId: auth.appId };
    case 'token-provider':
      return { clientId: auth.appId, tenantId: auth.tenantId ?? '', token: auth.token };
    case 'insecure-no-auth':
      // Empty strings, not undefined: the SDK would otherwise take CLIENT_ID / CLIENT_SECRET from the environment.
      return { clientId: '', clientSecret: '', tenantId: '' };
  }
}
