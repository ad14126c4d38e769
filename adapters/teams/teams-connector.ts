import { Client } from '@microsoft/teams.api';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/card-types.ts';
import type { TeamsLogger } from './teams-logger.ts';

/**
 * The Bot Connector calls the adapter makes (to the `serviceUrl` each activity names), each one survivable: a failure
 * is a value (`{ ok: false, status, code }`), logged once with the operation, the HTTP status and the connector's error
 * code, never thrown and never with a token. A 429 is retried after the `Retry-After` the service gives, a 5xx or a
 * network error after a short backoff, a few times.
 */

export type TeamsCall<T> = { ok: true; value: T } | { ok: false; status: number | undefined; code: string };

/** Where a message goes: a conversation (a channel thread's id carries `;messageid=`) at a service URL, as the bot. */
export interface ConversationRef {
  serviceUrl: string;
  conversationId: string;
  tenantId: string;
  bot: { id: string; name?: string | undefined };
}

export interface OutgoingMessage {
  text: string;
  card?: AdaptiveCard | undefined;
}

/** What the connector says about a member: the Entra object id, the UPN and e-mail entitlements can name. */
export interface MemberInfo {
  id: string;
  aadObjectId?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  userPrincipalName?: string | undefined;
}

export interface TeamsConnector {
  send(ref: ConversationRef, message: OutgoingMessage): Promise<TeamsCall<{ id: string }>>;
  update(ref: ConversationRef, activityId: string, message: OutgoingMessage): Promise<TeamsCall<void>>;
  typing(ref: ConversationRef): Promise<TeamsCall<void>>;
  /** The bot's personal (1:1) chat with a user, created through `POST /v3/conversations` once and remembered. */
  personalChat(ref: ConversationRef, userId: string): Promise<TeamsCall<ConversationRef>>;
  /** A member of the conversation, cached for an hour; undefined when the connector does not say. */
  member(ref: ConversationRef, userId: string): Promise<MemberInfo | undefined>;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** The longest wait honoured between two attempts (a longer Retry-After is cut to this). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 30_000 };

type HttpClient = ConstructorParameters<typeof Client>[1];

const cacheTtlMs = 60 * 60 * 1000;
const maxCached = 5000;

export function createTeamsConnector(http: HttpClient, logger: TeamsLogger, options: { retry?: RetryPolicy; now?: () => number } = {}): TeamsConnector {
  const retry = options.retry ?? DEFAULT_RETRY;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Client>();
  const members = new Map<string, { info: MemberInfo | undefined; at: number }>();
  const chats = new Map<string, ConversationRef>();
  const clientFor = (serviceUrl: string) => {
    const key = serviceUrl.replace(/\/+$/, '');
    let client = clients.get(key);
    if (!client) {
      client = new Client(key, http);
      clients.set(key, client);
    }
    return client;
  };
  const call = <T>(operation: string, run: () => Promise<T>) => withRetries(operation, run, retry, logger);
  const activity = (ref: ConversationRef, message: OutgoingMessage) => ({
    type: 'message' as const,
    text: message.text,
    from: ref.bot,
    conversation: { id: ref.conversationId },
    ...(message.card ? { attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: message.card }] } : {}),
  });
  return {
    send: (ref, message) =>
      call('send', async () => {
        const result = await clientFor(ref.serviceUrl).conversations.createActivity(ref.conversationId, activity(ref, message) as never);
        return { id: String((result as { id?: unknown }).id ?? '') };
      }),
    update: (ref, activityId, message) =>
      call('update', async () => {
        await clientFor(ref.serviceUrl).conversations.updateActivity(ref.conversationId, activityId, { ...activity(ref, message), id: activityId } as never);
      }),
    typing: (ref) =>
      call('typing', async () => {
        await clientFor(ref.serviceUrl).conversations.createActivity(ref.conversationId, { type: 'typing', from: ref.bot, conversation: { id: ref.conversationId } } as never);
      }),
    personalChat: async (ref, userId) => {
      const key = `${ref.serviceUrl}|${ref.tenantId}|${userId}`;
      const known = chats.get(key);
      if (known) return { ok: true, value: known };
      const created = await call('create personal chat', () =>
        clientFor(ref.serviceUrl).conversations.create({ members: [{ id: userId, role: 'user' }], tenantId: ref.tenantId, channelData: { tenant: { id: ref.tenantId } }, isGroup: false, bot: ref.bot } as never),
      );
      if (!created.ok) return created;
      const chat: ConversationRef = { ...ref, conversationId: String((created.value as { id?: unknown }).id ?? '') };
      if (chats.size >= maxCached) chats.delete(chats.keys().next().value as string);
      chats.set(key, chat);
      return { ok: true, value: chat };
    },
    member: async (ref, userId) => {
      const key = `${ref.tenantId}|${userId}`;
      const cached = members.get(key);
      if (cached && now() - cached.at < cacheTtlMs) return cached.info;
      const result = await call('get member', () => clientFor(ref.serviceUrl).conversations.getMemberById(ref.conversationId, userId));
      const info = result.ok
        ? { id: result.value.id, aadObjectId: result.value.aadObjectId, name: result.value.name, email: result.value.email, userPrincipalName: result.value.userPrincipalName }
        : undefined;
      if (members.size >= maxCached) members.delete(members.keys().next().value as string);
      members.set(key, { info, at: now() });
      return info;
    },
  };
}

async function withRetries<T>(operation: string, run: () => Promise<T>, retry: RetryPolicy, logger: TeamsLogger): Promise<TeamsCall<T>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const { status, code, retryAfterMs } = describeError(error);
      const retryable = status === 429 || (status !== undefined && status >= 500) || (status === undefined && networkCodes.has(code));
      if (!retryable || attempt >= retry.attempts) {
        logger.warn({ operation, status, code, attempts: attempt }, 'Teams connector call failed');
        return { ok: false, status, code };
      }
      const backoff = retry.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      const delay = Math.min(retry.maxDelayMs, retryAfterMs ?? backoff);
      logger.info({ operation, status, code, attempt, delayMs: Math.round(delay) }, 'Teams connector call will be retried');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_NETWORK']);

/** The HTTP status, the connector's error code (`ConversationNotFound`…) or the network's, and Retry-After in ms. */
export function describeError(error: unknown): { status: number | undefined; code: string; retryAfterMs: number | undefined } {
  const response = (error as { response?: { status?: unknown; headers?: Record<string, unknown>; data?: unknown } } | null)?.response;
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const data = response?.data as { error?: { code?: unknown } } | undefined;
  const connectorCode = typeof data?.error?.code === 'string' ? data.error.code : undefined;
  const networkCode = (error as { code?: unknown } | null)?.code;
  const code = connectorCode ?? (typeof networkCode === 'string' ? networkCode : status !== undefined ? `http_${status}` : 'unknown_error');
  return { status, code, retryAfterMs: retryAfter(response?.headers?.['retry-after']) };
}

function retryAfter(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
