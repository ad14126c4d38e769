import type { webApi } from '@slack/bolt';
import type { HomeView, KnownBlock } from './blocks/block-types.ts';
import type { SlackLogger } from './slack-logger.ts';

type WebClient = webApi.WebClient;

/**
 * The Web API calls the adapter makes, each one survivable: a failure is a value (`{ ok: false, code }`), logged once
 * with the method and Slack's error code, never thrown and never shown with a token. Rate limits (HTTP 429 with
 * Retry-After) are retried by the Web API client, which waits as long as Slack asks before trying again.
 */

export type SlackCall<T> = { ok: true; value: T } | { ok: false; code: string };

/** Codes that mean "the bot cannot post here": the user is told to invite it. */
export const NOT_IN_CHANNEL_CODES = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export interface MessageTarget {
  channel: string;
  threadTs?: string | undefined;
}

export interface SlackPoster {
  postMessage(target: MessageTarget, message: { blocks: KnownBlock[]; text: string }): Promise<SlackCall<{ ts: string }>>;
  update(channel: string, ts: string, message: { blocks: KnownBlock[]; text: string }): Promise<SlackCall<void>>;
  postEphemeral(target: MessageTarget, user: string, message: { blocks: KnownBlock[]; text: string }): Promise<SlackCall<void>>;
  uploadFile(target: MessageTarget, file: { content: Buffer | string; filename: string; title: string; altText?: string | undefined }): Promise<SlackCall<void>>;
  react(channel: string, ts: string, name: string): Promise<SlackCall<void>>;
  unreact(channel: string, ts: string, name: string): Promise<SlackCall<void>>;
  publishHome(userId: string, view: HomeView): Promise<SlackCall<void>>;
  /** The user's display name and e-mail (users.info; the e-mail needs users:read.email), cached for an hour. */
  profile(userId: string): Promise<SlackProfile>;
}

export interface SlackProfile {
  displayName?: string | undefined;
  email?: string | undefined;
}

const nameTtlMs = 60 * 60 * 1000;
const maxCachedNames = 5000;

export function createSlackPoster(client: WebClient, logger: SlackLogger, now: () => number = Date.now): SlackPoster {
  const names = new Map<string, { profile: SlackProfile; at: number }>();
  const call = async <T>(method: string, run: () => Promise<T>): Promise<SlackCall<T>> => {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn({ method, code }, 'Slack Web API call failed');
      return { ok: false, code };
    }
  };
  return {
    postMessage: (target, message) =>
      call('chat.postMessage', async () => {
        const result = await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, blocks: message.blocks, text: message.text, unfurl_links: false, unfurl_media: false });
        return { ts: String(result.ts) };
      }),
    update: (channel, ts, message) =>
      call('chat.update', async () => {
        await client.chat.update({ channel, ts, blocks: message.blocks, text: message.text });
      }),
    postEphemeral: (target, user, message) =>
      call('chat.postEphemeral', async () => {
        await client.chat.postEphemeral({ channel: target.channel, user, thread_ts: target.threadTs, blocks: message.blocks, text: message.text });
      }),
    uploadFile: (target, file) =>
      call('files.uploadV2', async () => {
        const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
        await client.files.uploadV2({ channel_id: target.channel, thread_ts: target.threadTs, file: content, filename: file.filename, title: file.title, ...(file.altText ? { alt_text: file.altText } : {}) } as Parameters<WebClient['files']['uploadV2']>[0]);
      }),
    react: (channel, ts, name) =>
      call('reactions.add', async () => {
        await client.reactions.add({ channel, timestamp: ts, name });
      }),
    unreact: (channel, ts, name) =>
      call('reactions.remove', async () => {
        await client.reactions.remove({ channel, timestamp: ts, name });
      }),
    publishHome: (userId, view) =>
      call('views.publish', async () => {
        await client.views.publish({ user_id: userId, view });
      }),
    profile: async (userId) => {
      const cached = names.get(userId);
      if (cached && now() - cached.at < nameTtlMs) return cached.profile;
      const result = await call('users.info', () => client.users.info({ user: userId }));
      const user = result.ok ? result.value.user : undefined;
      const profile: SlackProfile = { displayName: user?.profile?.display_name || user?.real_name || user?.name || undefined, email: user?.profile?.email || undefined };
      // A failed lookup is not cached: the next message asks again.
      if (!result.ok) return profile;
      if (names.size >= maxCachedNames) names.delete(names.keys().next().value as string);
      names.set(userId, { profile, at: now() });
      return profile;
    },
  };
}

/** Slack's own code (`channel_not_found`, `ratelimited`…) or the client's (`slack_webapi_request_error`). */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === 'string') return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown_error';
}
