import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../adapters/http/create-http-server.ts';
import { createTeamsApp, type TeamsApp } from '../../../adapters/teams/create-teams-app.ts';
import { silentLogger } from '../../../adapters/teams/teams-logger.ts';
import { createAssistant, type EvaluationJobs } from '../../../src/assistant/create-assistant.ts';
import { entitlementsFileSchema } from '../../../src/config/entitlements.ts';
import { defaultPolicies } from '../../../src/config/policies.ts';
import { openFastLane } from '../../../src/fast-lane/open-fast-lane.ts';
import { createMemoryStateStore } from '../../../src/providers/memory/memory-state-store.ts';
import { createOpenAiLanguageModel } from '../../../src/providers/openai/create-openai-language-model.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../../fixtures/fake-openai-server.ts';
import { startFakeTeamsConnector, type FakeTeamsCall, type FakeTeamsConnector } from '../../fixtures/fake-teams-connector.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { openSampleAssistant, type SampleAssistant } from '../../support/sample-assistant.ts';

/**
 * The Teams app as it runs in `sql-eval serve` with `--insecure-no-auth`: the real Teams SDK app on the shared HTTP
 * server, over an Assistant on a sample database with a scripted model, sending to a fake Bot Connector (the
 * activities' serviceUrl). Tests post activities to `/api/messages` as Teams does.
 */

export const TENANT = 'tenant-1';
export const BOT = { id: '28:bot-app-id', name: 'sql-eval' };
export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}
export const ASKER: TeamsUser = { id: '29:asker', aadObjectId: 'aad-asker', name: 'Ana Asker' };
export const BYSTANDER: TeamsUser = { id: '29:bystander', aadObjectId: 'aad-bystander', name: 'Bo Bystander' };
export const ADMIN: TeamsUser = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };
export const COLLEAGUE: TeamsUser = { id: '29:colleague', aadObjectId: 'aad-colleague', name: 'Cy Colleague' };
export const CHANNEL = '19:data@thread.tacv2';
export const PREVIEW_TTL_MS = 15 * 60 * 1000;

export interface TeamsHarness {
  readonly teams: FakeTeamsConnector;
  readonly openAi: FakeOpenAiServer;
  readonly app: TeamsApp;
  readonly url: string;
  advanceClock(ms: number): void;
}

export interface TeamsHarnessOptions {
  /** Evaluation runs admins start with `sql-eval eval` (none when absent), over the test database's URL. */
  evaluations?: ((databaseUrl: string) => Promise<EvaluationJobs>) | undefined;
}

export function useTeamsHarness(options: TeamsHarnessOptions = {}): TeamsHarness {
  const parts: { teams?: FakeTeamsConnector; openAi?: FakeOpenAiServer; app?: TeamsApp; url?: string; http?: HttpServer; sample?: SampleAssistant; database?: TestDatabase } = {};
  let offset = 0;
  const now = () => Date.now() + offset;
  beforeAll(async () => {
    parts.database = await createTestDatabase({ sample: true });
    parts.openAi = await startFakeOpenAiServer();
    parts.teams = await startFakeTeamsConnector();
    parts.teams.setMember({ ...ASKER, email: 'ana@example.com', userPrincipalName: 'ana@example.com' });
    parts.teams.setMember({ ...BYSTANDER, email: 'bo@example.com' });
    parts.teams.setMember({ ...ADMIN, email: 'ada@example.com' });
    parts.teams.setMember({ ...COLLEAGUE, email: 'cy@example.com' });
    const state = createMemoryStateStore({ previewTtlMs: PREVIEW_TTL_MS, now });
    const entitlements = entitlementsFileSchema.parse({
      admins: [`teams:${TENANT}:${ADMIN.aadObjectId}`],
      users: { [`teams:${TENANT}:${ASKER.aadObjectId}`]: ['pii:customers.*'] },
    });
    const opened = await openSampleAssistant({ databaseUrl: parts.database.url });
    const fastLane = await openFastLane({ datasource: opened.datasource, catalog: opened.catalog, store: state });
    const assistant = createAssistant({
      datasource: opened.datasource,
      catalog: opened.catalog,
      languageModel: createOpenAiLanguageModel({ apiKey: 'test-key', baseURL: parts.openAi.baseURL, model: 'scripted', maxRetries: 1, timeoutMs: 5000 }),
      policies: defaultPolicies,
      entitlements,
      grants: state,
      today: '2025-07-01',
      state,
      now,
      fastLane: fastLane.parser,
      verifiedQueries: fastLane.verifiedQueries,
      suggestions: fastLane.suggestions,
      evaluations: await options.evaluations?.(parts.database.url),
    });
    parts.sample = { ...opened, assistant };
    const http = createHttpServer();
    parts.http = http;
    const port = await http.listen(0, '127.0.0.1');
    parts.url = `http://127.0.0.1:${port}`;
    parts.app = createTeamsApp({
      assistant,
      claims: state,
      logger: silentLogger,
      auth: { kind: 'insecure-no-auth' },
      expressApp: http.app,
      publicUrl: parts.url,
      previewTtlMs: PREVIEW_TTL_MS,
      retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 3_000 },
      now,
    });
    await parts.app.start();
  });
  afterAll(async () => {
    await parts.app?.stop(5_000);
    await parts.http?.close(100);
    await parts.sample?.close();
    await parts.openAi?.close();
    await parts.teams?.close();
    await parts.database?.drop();
  });
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the Teams harness's ${name} is read before beforeAll ran`);
    return value;
  };
  return {
    get teams() {
      return need(parts.teams, 'teams');
    },
    get openAi() {
      return need(parts.openAi, 'openAi');
    },
    get app() {
      return need(parts.app, 'app');
    },
    get url() {
      return need(parts.url, 'url');
    },
    advanceClock(ms) {
      offset += ms;
    },
  };
}

export function personalConversation(user: TeamsUser): string {
  return `a:personal-${user.id}`;
}

interface ActivityOptions {
  from?: TeamsUser;
  id?: string;
  /** Other people mentioned in the text as `<at>Name</at>`. */
  mentions?: TeamsUser[];
}

function base(serviceUrl: string, options: ActivityOptions) {
  const from = options.from ?? ASKER;
  return { id: options.id ?? `msg-${randomUUID()}`, serviceUrl, channelId: 'msteams', from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId }, recipient: BOT, timestamp: new Date().toISOString(), locale: 'en-US' };
}

function mentionEntity(user: { id: string; name: string; aadObjectId?: string }) {
  return { type: 'mention', text: `<at>${user.name}</at>`, mentioned: { id: user.id, name: user.name, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) } };
}

/** A message in the bot's personal chat with `from`. */
export function personalMessage(serviceUrl: string, text: string, options: ActivityOptions = {}) {
  const from = options.from ?? ASKER;
  return { ...base(serviceUrl, options), type: 'message', text, textFormat: 'plain', conversation: { id: personalConversation(from), conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } }, entities: (options.mentions ?? []).map(mentionEntity) };
}

/** A new channel post mentioning the bot (`<at>sql-eval</at> …`); its reply chain is `CHANNEL;messageid=<id>`. */
export function channelMention(serviceUrl: string, text: string, options: ActivityOptions = {}) {
  const activity = base(serviceUrl, options);
  return {
    ...activity,
    type: 'message',
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    conversation: { id: `${CHANNEL};messageid=${activity.id}`, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' } },
    entities: [mentionEntity(BOT), ...(options.mentions ?? []).map((user) => mentionEntity({ id: user.id, name: user.name }))],
  };
}

/** `Action.Execute` on a card: the invoke Teams sends, with the card's message id in replyToId. */
export function cardInvoke(serviceUrl: string, conversation: { id: string; conversationType: string }, cardActivityId: string, data: unknown, options: ActivityOptions = {}) {
  return {
    ...base(serviceUrl, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardActivityId,
    conversation: { ...conversation, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(conversation.conversationType === 'channel' ? { channel: { id: CHANNEL } } : {}) },
    value: { action: { type: 'Action.Execute', verb: (data as { action?: string }).action, data }, trigger: 'manual' },
  };
}

/** `Action.Submit` on a card (older clients): a message with the card's data as `value` and no text. */
export function cardSubmit(serviceUrl: string, conversation: { id: string; conversationType: string }, cardActivityId: string, data: unknown, options: ActivityOptions = {}) {
  return {
    ...base(serviceUrl, options),
    type: 'message',
    replyToId: cardActivityId,
    conversation: { ...conversation, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(conversation.conversationType === 'channel' ? { channel: { id: CHANNEL } } : {}) },
    value: data,
  };
}

export function postActivity(url: string, activity: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
}

/** Every text of a sent or updated activity: its text and its card's JSON. */
export function contentOf(call: FakeTeamsCall | undefined): string {
  if (!call) return '';
  return `${String(call.body.text ?? '')}\n${JSON.stringify(call.body.attachments ?? [])}`;
}

export function cardOf(call: FakeTeamsCall | undefined): { body: { type: string; [key: string]: unknown }[]; actions?: { type: string; title: string; data?: Record<string, unknown>; url?: string }[] } {
  const attachment = ((call?.body.attachments as { contentType: string; content: unknown }[] | undefined) ?? [])[0];
  if (!attachment || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`no Adaptive Card in ${JSON.stringify(call?.body)}`);
  return attachment.content as ReturnType<typeof cardOf>;
}

export function hasElement(call: FakeTeamsCall | undefined, type: string): boolean {
  return call !== undefined && ((call.body.attachments as unknown[] | undefined) ?? []).length > 0 && JSON.stringify(cardOf(call).body).includes(`"type":"${type}"`);
}

export function isRunnablePreview(call: FakeTeamsCall): boolean {
  return call.kind === 'send' && contentOf(call).includes('sql_eval_run');
}
