import { App, ExpressReceiver } from '@slack/bolt';
import type { Application } from 'express';
import { formatSql, loadChartRenderer, type Assistant, type EventClaimStore } from '../../src/index.ts';
import { createInFlight, type InFlight } from '../shared/in-flight.ts';
import { registerActionListeners } from './on-action.ts';
import { registerCommandListener } from './on-command.ts';
import { registerHomeListener } from './on-home.ts';
import { registerMessageListeners } from './on-message.ts';
import type { SlackDeps } from './slack-deps.ts';
import { boltLogger, type SlackLogger } from './slack-logger.ts';
import { createSlackPoster, slackErrorCode } from './slack-poster.ts';

/**
 * The Slack app: Bolt with the adapter's listeners. Over HTTP, Bolt's ExpressReceiver adds `POST /slack/events`
 * (events, slash commands and interactivity, signed with the signing secret) to the express app of the one HTTP
 * server; with an app-level token it uses Socket Mode instead (no public URL needed).
 */

export interface SlackAppOptions {
  assistant: Assistant;
  /** The StateStore's event claims, so a re-delivered event is answered once across restarts and replicas. */
  claims: EventClaimStore;
  logger: SlackLogger;
  botToken: string;
  signingSecret: string;
  /** `xapp-…`: Socket Mode instead of HTTP. */
  appToken?: string | undefined;
  /** The Web API base URL (`https://slack.com/api/` by default): a proxy, or a local fake in tests. */
  apiUrl?: string | undefined;
  /** HTTP mode: the express app that serves `/slack/events`. Required unless `appToken` is set. */
  expressApp?: Application | undefined;
  /** Questions the fast lane answers, for App Home. */
  suggestions?: string[] | undefined;
  /** How long a preview can be run (must match the StateStore's). Default 15 minutes. */
  previewTtlMs?: number | undefined;
  /** The slash command, as in the manifest. Default `/sql-eval`. */
  commandName?: string | undefined;
  now?: (() => number) | undefined;
}

export interface SlackApp {
  app: App;
  /** Running work (answers being prepared after an ack). */
  inFlight: InFlight;
  /** Checks the token with Slack (`auth.test`) and, in Socket Mode, connects. Returns the bot's user id. */
  start(): Promise<{ botUserId: string | undefined; team: string | undefined }>;
  /** Stops taking events and waits up to `drainMs` for running work. */
  stop(drainMs: number): Promise<void>;
}

export const DEFAULT_PREVIEW_TTL_MS = 15 * 60 * 1000;

/** Web API retries: Retry-After is honoured by the client; this only spaces the retries after it. */
const retryConfig = { retries: 5, factor: 2, minTimeout: 100, maxTimeout: 5_000, randomize: true };

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const socketMode = options.appToken !== undefined && options.appToken !== '';
  const logger = boltLogger(options.logger);
  const clientOptions = { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), retryConfig };
  let app: App;
  if (socketMode) {
    app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logger, clientOptions });
  } else {
    if (!options.expressApp) throw new Error('createSlackApp: HTTP mode needs the express app to mount /slack/events on');
    const receiver = new ExpressReceiver({ signingSecret: options.signingSecret, app: options.expressApp, endpoints: '/slack/events', logger, processBeforeResponse: false });
    app = new App({ token: options.botToken, receiver, logger, clientOptions });
  }
  const inFlight = createInFlight(options.logger, 'Slack');
  const deps: SlackDeps = {
    assistant: options.assistant,
    poster: createSlackPoster(app.client, options.logger),
    claims: options.claims,
    logger: options.logger,
    tasks: inFlight,
    previewTtlMs: options.previewTtlMs ?? DEFAULT_PREVIEW_TTL_MS,
    now: options.now ?? Date.now,
    suggestions: options.suggestions ?? [],
  };
  registerMessageListeners(app, deps);
  registerCommandListener(app, deps, options.commandName ?? '/sql-eval');
  registerActionListeners(app, deps);
  registerHomeListener(app, deps);
  app.error(async (error) => {
    options.logger.error({ err: error, code: slackErrorCode(error) }, 'Slack listener error');
  });
  return {
    app,
    inFlight,
    async start() {
      let identity: { user_id?: string; team?: string };
      try {
        identity = await app.client.auth.test();
      } catch (error) {
        throw new SlackStartError(`Slack refused SLACK_BOT_TOKEN (${slackErrorCode(error)}): check the bot token (xoxb-…) of the installed app${options.apiUrl ? ` and SLACK_API_URL (${options.apiUrl})` : ''}.`, { cause: error });
      }
      // Load the SQL formatter and the chart renderer now, so that no request waits for them.
      formatSql('SELECT 1');
      await loadChartRenderer();
      if (socketMode) await app.start();
      return { botUserId: identity.user_id, team: identity.team };
    },
    async stop(drainMs) {
      const finished = await inFlight.drain(drainMs);
      if (!finished) options.logger.warn({ running: inFlight.size }, 'Slack work still running at shutdown');
      if (socketMode) await app.stop().catch(() => {});
    },
  };
}

/** The token was refused at start: a configuration problem, reported without a stack. */
export class SlackStartError extends Error {
  override name = 'SlackStartError';
}
