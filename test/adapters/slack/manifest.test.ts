import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

/** The manifest matches what the adapter listens to and calls, so the app works from one paste. */
it('asks for the scopes, events, command and endpoints the adapter uses, with Socket Mode off', () => {
  const manifest = parse(readFileSync('manifests/slack/manifest.yaml', 'utf8')) as {
    features: { slash_commands: { command: string; url: string }[]; app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean } };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
  };
  expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:write', 'im:history', 'im:read', 'reactions:write', 'users:read', 'users:read.email']);
  expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
  expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(['/sql-eval']);
  const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((command) => command.url)];
  for (const url of urls) expect(url).toMatch(/^https:\/\/YOUR-HOST\/slack\/events$/);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  expect(manifest.settings.socket_mode_enabled).toBe(false);
});
