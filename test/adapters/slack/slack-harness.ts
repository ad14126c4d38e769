import { createHmac, randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../adapters/http/create-http-server.ts';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/create-slack-app.ts';
import { silentLogger } from '../../../adapters/slack/slack-logger.ts';
import { createAssistant, type EvaluationJobs } from '../../../src/assistant/create-assistant.ts';
import { entitlementsFileSchema } from '../../../src/config/entitlements.ts';
import { defaultPolicies } from '../../../src/config/policies.ts';
import { openFastLane } from '../../../src/fast-lane/open-fast-lane.ts';
import { createOpenAiLanguageModel } from '../../../src/providers/openai/create-openai-language-model.ts';
import { createMemoryStateStore } from '../../../src/providers/memory/memory-state-store.ts';
import type { StateStore } from '../../../src/ports/state-store.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fixtures/fake-openai-server.ts';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackCall } from '../../fixtures/fake-slack-api.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { openSampleAssistant, type SampleAssistant } from '../../support/sample-assistant.ts';

/**
 * The Slack app as it runs in `sql-eval serve`: Bolt on the shared HTTP server, over an Assistant on a sample database
 * with a scripted model, talking to a fake Slack Web API. Requests are signed with the signing secret, as Slack does.
 */

export const SIGNING_SECRET = 'test-signing-secret';
export const PREVIEW_TTL_MS = 15 * 60 * 1000;
export const ASKER = 'UASKER';
export const SUPPORT_AGENT = 'USUPPORT';
export const BYSTANDER = 'UBYSTANDER';
export const CHANNEL = 'C0DATA';
/** Entitled through the support group, by the e-mail Slack gives for them. */
export const BY_EMAIL = 'UCARLA';
export const SUPPORT_EMAIL = 'carla@example.com';
export const ADMIN = 'UADMIN';

export interface SlackHarness {
  readonly slack: FakeSlackApi;
  readonly openAi: FakeOpenAiServer;
  readonly sample: SampleAssistant;
  readonly app: SlackApp;
  readonly state: StateStore;
  readonly database: TestDatabase;
  readonly url: string;
  /** Moves the clock of the state store, the assistant and the adapter forward. */
  advanceClock(ms: number): void;
  /** Cuts the network path to PostgreSQL (open connections dropped, new ones refused) or restores it. */
  setDatabaseReachable(reachable: boolean): Promise<void>;
}

export interface SlackHarnessOptions {
  /** Evaluation runs admins start with `/sql-eval eval` (none when absent), over the test database's URL (through the proxy `setDatabaseReachable` cuts). */
  evaluations?: ((databaseUrl: string) => Promise<EvaluationJobs>) | undefined;
}

export function useSlackHarness(options: SlackHarnessOptions = {}): SlackHarness {
  const parts: Partial<Record<keyof SlackHarness, unknown>> & { http?: HttpServer; proxy?: TcpProxy } = {};
  let offset = 0;
  const now = () => Date.now() + offset;
  beforeAll(async () => {
    parts.database = await createTestDatabase({ sample: true });
    const openAi = await startFakeOpenAiServer();
    parts.openAi = openAi;
    const slack = await startFakeSlackApi();
    parts.slack = slack;
    const state = createMemoryStateStore({ previewTtlMs: PREVIEW_TTL_MS, now });
    parts.state = state;
    const entitlements = entitlementsFileSchema.parse({
      users: { [SUPPORT_AGENT]: ['pii:customers.*'], [ASKER]: ['pii:customers.*'] },
      groups: { support: { members: [`email:${SUPPORT_EMAIL}`], entitlements: ['pii:customers.*'] } },
      admins: [`slack:T0001:${ADMIN}`],
    });
    // The datasource reaches PostgreSQL through a TCP proxy the test can cut, as a network outage would.
    const databaseUrl = new URL((parts.database as TestDatabase).url);
    const proxy = await startTcpProxy(databaseUrl.hostname, Number(databaseUrl.port || 5432));
    parts.proxy = proxy;
    databaseUrl.hostname = '127.0.0.1';
    databaseUrl.port = String(proxy.port);
    const opened = await openSampleAssistant({ databaseUrl: databaseUrl.toString() });
    const fastLane = await openFastLane({ datasource: opened.datasource, catalog: opened.catalog, store: state });
    const assistant = createAssistant({
      datasource: opened.datasource,
      catalog: opened.catalog,
      languageModel: createOpenAiLanguageModel({ apiKey: 'test-key', baseURL: openAi.baseURL, model: 'scripted', maxRetries: 1, timeoutMs: 5000 }),
      policies: defaultPolicies,
      entitlements,
      today: '2025-07-01',
      state,
      grants: state,
      now,
      fastLane: fastLane.parser,
      verifiedQueries: fastLane.verifiedQueries,
      suggestions: fastLane.suggestions,
      evaluations: await options.evaluations?.(databaseUrl.toString()),
    });
    const sample: SampleAssistant = { ...opened, assistant };
    parts.sample = sample;
    const http = createHttpServer();
    parts.http = http;
    const app = createSlackApp({
      assistant: sample.assistant,
      claims: state,
      logger: silentLogger,
      botToken: 'xoxb-test-token',
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      expressApp: http.app,
      suggestions: ['How many orders are there?'],
      previewTtlMs: PREVIEW_TTL_MS,
      now,
    });
    parts.app = app;
    await app.start();
    const port = await http.listen(0, '127.0.0.1');
    parts.url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await (parts.app as SlackApp | undefined)?.stop(5_000);
    await parts.http?.close(100);
    await (parts.sample as SampleAssistant | undefined)?.close();
    await (parts.openAi as FakeOpenAiServer | undefined)?.close();
    await (parts.slack as FakeSlackApi | undefined)?.close();
    await parts.proxy?.close();
    await (parts.database as TestDatabase | undefined)?.drop();
  });
  const need = <T>(key: keyof SlackHarness): T => {
    if (parts[key] === undefined) throw new Error(`the Slack harness's ${key} is read before beforeAll ran`);
    return parts[key] as T;
  };
  return {
    get slack() {
      return need<FakeSlackApi>('slack');
    },
    get openAi() {
      return need<FakeOpenAiServer>('openAi');
    },
    get sample() {
      return need<SampleAssistant>('sample');
    },
    get app() {
      return need<SlackApp>('app');
    },
    get state() {
      return need<StateStore>('state');
    },
    get database() {
      return need<TestDatabase>('database');
    },
    get url() {
      return need<string>('url');
    },
    advanceClock(ms) {
      offset += ms;
    },
    async setDatabaseReachable(reachable) {
      const proxy = parts.proxy;
      if (!proxy) throw new Error('the Slack harness is not started');
      await (reachable ? proxy.resume() : proxy.cut());
    },
  };
}

interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 that can be cut (connections dropped, the port closed) and resumed on the same port. */
async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listeningPort = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(port, host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(listeningPort, '127.0.0.1', () => {
        listeningPort = (server?.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return { port: listeningPort, cut: stop, resume: listen, close: stop };
}

// ── Signed requests, as Slack sends them ─────────────────────────────────────────────────────────────────────────

export async function postSigned(url: string, body: string, contentType: string, secret = SIGNING_SECRET, headers: Record<string, string> = {}): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature, ...headers },
    body,
  });
}

export function eventBody(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10)}`): string {
  return JSON.stringify({ token: 'legacy', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });
}

export function sendEvent(url: string, event: Record<string, unknown>, eventId?: string, headers: Record<string, string> = {}): Promise<Response> {
  return postSigned(url, eventBody(event, eventId), 'application/json', SIGNING_SECRET, headers);
}

let messageClock = 1_800_000_000;
export function messageTs(): string {
  messageClock += 1;
  return `${messageClock}.000200`;
}

export function mention(text: string, options: { user?: string; channel?: string; ts?: string; threadTs?: string } = {}): Record<string, unknown> {
  return { type: 'app_mention', user: options.user ?? ASKER, text: `<@UBOT> ${text}`, ts: options.ts ?? messageTs(), channel: options.channel ?? CHANNEL, ...(options.threadTs ? { thread_ts: options.threadTs } : {}), event_ts: options.ts ?? messageTs() };
}

export function sendCommand(url: string, text: string, responseUrl: string, options: { user?: string; channel?: string; channelName?: string } = {}): Promise<Response> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T0001',
    team_domain: 'fake',
    channel_id: options.channel ?? CHANNEL,
    channel_name: options.channelName ?? 'data',
    user_id: options.user ?? ASKER,
    user_name: 'asker',
    command: '/sql-eval',
    text,
    api_app_id: 'A0001',
    response_url: responseUrl,
    trigger_id: 'trigger',
  }).toString();
  return postSigned(url, body, 'application/x-www-form-urlencoded');
}

/** Clicks a button of a message the bot posted (or updated), as the given user. */
export function clickButton(url: string, message: { channel: string; ts: string; threadTs?: string | undefined; blocks: unknown[] }, actionId: string, user: string, responseUrl: string): Promise<Response> {
  const button = findButton(message.blocks, actionId);
  const payload = {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: 'trigger',
    team: { id: 'T0001', domain: 'fake' },
    channel: { id: message.channel, name: 'data' },
    message: { type: 'message', ts: message.ts, ...(message.threadTs ? { thread_ts: message.threadTs } : {}), text: 'preview', blocks: message.blocks },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: 'sql_eval_preview_actions', value: button.value, type: 'button', action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: actionId } }],
  };
  return postSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
}

function findButton(blocks: unknown[], actionId: string): { value: string } {
  for (const block of blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button?.value) return { value: button.value };
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(blocks)}`);
}

/** The message a call posted or updated, with the ts Slack gave it, ready to be clicked. */
export function postedMessage(call: FakeSlackCall): { channel: string; ts: string; threadTs?: string | undefined; blocks: unknown[] } {
  const ts = call.method === 'chat.update' ? String(call.params.ts) : String(call.response?.ts);
  return { channel: String(call.params.channel), ts, threadTs: call.params.thread_ts ? String(call.params.thread_ts) : undefined, blocks: call.params.blocks as unknown[] };
}

/** All text of a call's blocks (and its fallback text), for assertions. */
export function textOf(call: FakeSlackCall | undefined): string {
  if (!call) return '';
  return `${String(call.params.text ?? '')}\n${JSON.stringify(call.params.blocks ?? call.params.view ?? '')}`;
}

export function hasBlock(call: FakeSlackCall, type: string): boolean {
  return ((call.params.blocks as { type: string }[] | undefined) ?? []).some((block) => block.type === type);
}
