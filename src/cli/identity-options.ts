import { z } from 'zod';
import type { Actor, Place } from '../vocabulary/actor.ts';

/**
 * `--user`, `--email` and `--channel`: who asks and where, so that entitlements and tenant budgets apply on the
 * command line exactly as in chat. `--user` is an identity (`cli:ana`, `slack:T123:U456`; default `cli:$USER`),
 * `--channel` a channel (`slack:T123:C0FIN`, or a bare name; default: a direct conversation named `cli`).
 */

export const identityOptionsSchema = z.object({
  user: z
    .string()
    .regex(/^(?:(?:cli|console):[^:\s]+|(?:slack|teams):[^:\s]+:\S+)$/, '--user must be an identity such as cli:ana or slack:T123:U456')
    .optional(),
  email: z.email('--email must be an e-mail address such as ana@example.com').optional(),
  channel: z
    .string()
    .regex(/^(?:(?:slack|teams|cli|console):[^:\s]+:\S+|[^:\s]+)$/, '--channel must be a channel such as slack:T123:C0FIN, or a name without colons')
    .optional(),
});

export type IdentityOptions = z.infer<typeof identityOptionsSchema>;

export function cliIdentity(options: IdentityOptions, platform: 'cli' | 'console', environment: NodeJS.ProcessEnv = process.env): { actor: Actor; place: Place } {
  const [kind = platform, ...rest] = (options.user ?? `${platform}:${environment.USER || `${platform}-user`}`).split(':');
  const actor: Actor =
    kind === 'slack' || kind === 'teams'
      ? { platform: kind, workspaceId: rest[0] as string, userId: rest.slice(1).join(':') }
      : { platform: kind === 'console' ? 'console' : 'cli', workspaceId: 'local', userId: rest.join(':') };
  if (options.email) actor.email = options.email;
  if (options.channel === undefined) return { actor, place: { platform: actor.platform, channelId: platform, isDirect: true } };
  const [channelPlatform, workspaceId, ...channel] = options.channel.split(':');
  if (channel.length === 0) return { actor, place: { platform: actor.platform, channelId: options.channel, isDirect: false } };
  const platformOfChannel = channelPlatform as Place['platform'];
  return { actor, place: { platform: platformOfChannel, workspaceId, channelId: channel.join(':'), isDirect: false } };
}
