import { z } from 'zod';
import { createHttpServer } from '../../adapters/http/create-http-server.ts';
import { createSlackApp, SlackStartError } from '../../adapters/slack/create-slack-app.ts';
import { createTeamsApp, MESSAGING_ENDPOINT, type TeamsAuth } from '../../adapters/teams/create-teams-app.ts';
import { readTeamsSettings, TEAMS_VARIABLES } from '../../adapters/teams/teams-settings.ts';
import { createEvaluationJobs } from '../../src/compose/evaluation-jobs.ts';
import type { EvalRunStore } from '../../src/ports/eval-run-store.ts';
import { createLogger } from '../../src/compose/logger.ts';
import { conversationRuntime, openRuntime } from '../../src/compose/open-runtime.ts';
import { openSecrets, resolveSecretVariables } from '../../src/compose/open-secrets.ts';
import { CliError } from '../../src/cli/cli-error.ts';
import type { ServeOptions } from '../../src/cli/chat-surfaces.ts';

/**
 * `sql-eval serve`: one HTTP server on PORT for every chat surface. Slack at `POST /slack/events` (or over Socket Mode
 * when SLACK_APP_TOKEN is set), Teams at `POST /api/messages` (MICROSOFT_APP_*), `GET /healthz`; either platform or
 * both, in one process; `GET /readyz` and `GET /metrics` for operators.
 * SIGTERM (or SIGINT) stops taking events, lets running answers finish for a few seconds, then closes the database.
 */

const slackEnvironmentSchema = z.object({
  SLACK_BOT_TOKEN: z.string().trim().regex(/^xox[bp]-\S+$/, 'SLACK_BOT_TOKEN must be the bot token of the installed app (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
  SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-\S+$/, 'SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope').optional(),
  SLACK_API_URL: z.url({ message: 'SLACK_API_URL must be a URL such as https://slack.com/api/' }).optional(),
  PORT: z.coerce.number({ message: 'PORT must be a port number' }).int().min(0).max(65_535).default(3000),
  HOST: z.string().trim().min(1).optional(),
});


export async function serveCommand(options: ServeOptions, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Chat tokens may be secret:// references (SLACK_BOT_TOKEN=secret://aws/slack#bot-token): resolved once, here. Read
  // every chat platform's settings from `resolved`; the runtime takes `environment` and resolves its own (rotation).
  const resolved = await resolveSecretVariables(environment, openSecrets(environment));
  const settings = readSettings(resolved, options.insecureNoAuth === true);
  const previewTtlMs = minutes(options.previewMinutes, '--preview-minutes') * 60_000;
  const drainMs = Number(options.drainSeconds) * 1000;
  if (!Number.isFinite(drainMs) || drainMs < 0) throw new CliError('--drain-seconds must be a number of seconds (0 or more)');
  // A container sets DATABASE_URL; the flag wins, then the variable, then configs/datasources.yaml.
  const databaseUrl = options.databaseUrl ?? (environment.DATABASE_URL?.trim() ? 'secret://env/DATABASE_URL' : undefined);
  const evaluations = ({ history }: { history: EvalRunStore }) => createEvaluationJobs({ runtime: { ...options, databaseUrl }, environment, logger: createLogger(environment), history });
  const runtime = await openRuntime({ ...options, databaseUrl }, environment, { ...conversationRuntime, previewTtlMs, evaluations });
  const { logger } = runtime;
  const http = createHttpServer({ readiness: () => runtime.readiness(), metrics: runtime.metrics });
  let slack: ReturnType<typeof createSlackApp> | undefined;
  const { slack: slackSettings, teams: teamsSettings } = settings;
  try {
    const teams = teamsSettings
      ? createTeamsApp({ assistant: runtime.assistant, claims: runtime.state, logger, auth: teamsSettings.auth, expressApp: http.app, publicUrl: teamsSettings.publicUrl, previewTtlMs })
      : undefined;
    await teams?.start();
    if (slackSettings) {
      slack = createSlackApp({
        assistant: runtime.assistant,
        claims: runtime.state,
        logger,
        botToken: slackSettings.botToken,
        signingSecret: slackSettings.signingSecret,
        appToken: slackSettings.appToken,
        apiUrl: slackSettings.apiUrl,
        expressApp: http.app,
        suggestions: runtime.suggestions,
        previewTtlMs,
      });
    }
    const identity = await slack?.start();
    const port = await http.listen(settings.port, settings.host);
    const slackMode = slackSettings ? (slackSettings.appToken ? 'socket-mode' : 'http') : 'off';
    logger.info({ port, slack: slackMode, teams: teamsSettings ? teamsSettings.auth.kind : 'off', botUserId: identity?.botUserId, team: identity?.team }, 'serving');
    const routes = [slackSettings && !slackSettings.appToken ? ', POST /slack/events' : '', teams ? `, POST ${MESSAGING_ENDPOINT} (Teams)` : ''].join('');
    process.stdout.write(`sql-eval serve: ${runtime.description}\nListening on port ${port}: GET /healthz, GET /readyz, GET /metrics${routes}${slackSettings?.appToken ? '; Slack over Socket Mode' : ''}.\n`);
    const signal = await nextSignal();
    logger.info({ signal }, 'shutting down: no new events; waiting for running answers');
    await http.close(Math.min(drainMs, 3_000));
    await Promise.all([slack?.stop(drainMs), teams?.stop(drainMs)]);
    return 0;
  } catch (error) {
    if (error instanceof SlackStartError) throw new CliError(error.message);
    throw error;
  } finally {
    await http.close(0);
    await runtime.close();
  }
}

interface ServeSettings {
  slack: { botToken: string; signingSecret: string; appToken: string | undefined; apiUrl: string | undefined } | undefined;
  teams: { auth: TeamsAuth; publicUrl: string | undefined } | undefined;
  port: number;
  host: string | undefined;
}

/** The chat platforms' settings from the environment; exit 2 naming the variables when none is configured. */
export function readSettings(environment: NodeJS.ProcessEnv, insecureNoAuth = false): ServeSettings {
  const parsed = slackEnvironmentSchema.safeParse(Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== '')));
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret } = parsed.data;
  const teamsSettings = readTeamsSettings(environment, insecureNoAuth);
  if (teamsSettings.kind === 'invalid') throw new CliError(teamsSettings.problem);
  const teams = teamsSettings.kind === 'configured' ? { auth: teamsSettings.auth, publicUrl: teamsSettings.publicUrl } : undefined;
  if (!botToken && !signingSecret) {
    if (teams) return { slack: undefined, teams, port: parsed.data.PORT, host: parsed.data.HOST };
    throw new CliError(
      `No chat platform is configured, so there is nothing to serve. For Slack, set SLACK_BOT_TOKEN (xoxb-…) and SLACK_SIGNING_SECRET from the app created with manifests/slack/manifest.yaml, and SLACK_APP_TOKEN (xapp-…) to use Socket Mode instead of a public URL. For Microsoft Teams, set ${TEAMS_VARIABLES} of the Azure bot (or pass --insecure-no-auth for a local emulator).`,
    );
  }
  if (!botToken) throw new CliError('SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: set the bot token (xoxb-…) from OAuth & Permissions.');
  if (!signingSecret) throw new CliError('SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: set the signing secret from Basic Information → App Credentials.');
  return { slack: { botToken, signingSecret, appToken: parsed.data.SLACK_APP_TOKEN, apiUrl: parsed.data.SLACK_API_URL }, teams, port: parsed.data.PORT, host: parsed.data.HOST };
}

function minutes(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 24 * 60) throw new CliError(`${flag} must be a number of minutes between 1 and 1440`);
  return number;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
